// Windows: a GUI program, so no console window opens next to the wizard; output of commands
// typed in a console still reaches it (qoltanba_windows::attach_to_parent_console).
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;

use qoltanba::cli::{Cli, Command};
use qoltanba::config::{Config, KioskProblem};

fn main() -> std::process::ExitCode {
    qoltanba_windows::attach_to_parent_console();
    let cli = Cli::parse();
    match cli.command.clone() {
        #[cfg(feature = "sandbox")]
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
        Some(Command::OperatorCode) => {
            let config = Config::load(&cli);
            match qoltanba::operator_code::run(config.settings_path.as_deref(), config.language) {
                Ok(report) => {
                    println!("{report}");
                    std::process::ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("qoltanba operator-code: {error}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        None => {
            let config = Config::load(&cli);
            if let Some(problem) = config.kiosk_problem() {
                // A kiosk that is not set up is not started; a supervisor should not restart
                // it either (EX_CONFIG, see packaging/).
                let lang = config.language;
                let reason = match problem {
                    KioskProblem::NoOperatorCode => qoltanba::t!(lang, "kiosk-needs-operator-code"),
                    KioskProblem::NoServiceUrl => qoltanba::t!(lang, "kiosk-needs-service-url"),
                };
                eprintln!("qoltanba: {reason}");
                return std::process::ExitCode::from(qoltanba::app::kiosk::EXIT_CONFIG);
            }
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
