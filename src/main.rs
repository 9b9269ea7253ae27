use clap::Parser;

use qoltanba::cli::{Cli, Command};
use qoltanba::config::Config;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match cli.command.clone() {
        Some(Command::Sandbox(args)) => match qoltanba_sandbox::cli::run(args) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("qoltanba sandbox: {error}");
                std::process::ExitCode::FAILURE
            }
        },
        Some(Command::Inspect(args)) => {
            let lang = Config::load(&cli).language;
            match qoltanba::inspect::run(&args, lang) {
                Ok(report) => {
                    print!("{report}");
                    std::process::ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("qoltanba inspect: {error}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Some(Command::Tokens(args)) => {
            let config = Config::load(&cli);
            let mut modules = config.modules;
            modules.extend(args.module);
            print!("{}", qoltanba::tokens::run(&modules, config.language));
            std::process::ExitCode::SUCCESS
        }
        None => {
            let config = Config::load(&cli);
            match qoltanba::app::application(config, cli.screen).run() {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("qoltanba: {error}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
    }
}
