use clap::Parser;

use qoltanba::cli::Cli;
use qoltanba::config::Config;

fn main() -> iced::Result {
    let cli = Cli::parse();
    let config = Config::load(&cli);
    qoltanba::app::application(config, cli.screen).run()
}
