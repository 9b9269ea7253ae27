//! `qoltanba-sandbox`: serve the sandbox, or decide a moderation case.

use clap::Parser;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match qoltanba_sandbox::cli::run(qoltanba_sandbox::cli::SandboxArgs::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("qoltanba-sandbox: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
