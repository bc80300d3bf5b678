//! Command line and window start, nothing else.

use std::process::ExitCode;

use strikemap::StrikemapApp;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    // `strikemap check FILE...`: the validator, without a window. (A file named "check" is
    // still opened as `strikemap ./check`.)
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|arg| arg == "check") {
        return strikemap::check::run(args.into_iter().skip(1));
    }
    // `strikemap bundle PROJECT OUT.zip`: the project with its layer files, for a colleague.
    if args.get(1).is_some_and(|arg| arg == "bundle") {
        let rest = args.into_iter().skip(2);
        return strikemap::bundle::run(rest.map(|a| a.to_string_lossy().into_owned()));
    }
    let mut config = match strikemap::cli::parse(std::env::args_os()) {
        Ok(config) => config,
        Err(code) => return code,
    };
    if let Some(target) = config.export.take() {
        return export(config, target);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("strikemap — Iran–Pakistan cross-border strikes, January 2024")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "strikemap",
        options,
        Box::new(|cc| {
            // The command line's --view and --select win over the remembered state.
            let remember = config.view.is_none() && config.select.is_none();
            let mut app = StrikemapApp::new(&cc.egui_ctx, config);
            if remember {
                app.restore_from(cc.storage, &cc.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("strikemap: cannot open the window: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `--export-png`: draw the map offscreen to a file and say where.
fn export(config: strikemap::AppConfig, target: strikemap::export::ExportTarget) -> ExitCode {
    let strikemap::export::ExportTarget {
        path,
        size,
        scale,
        renderer,
        svg,
    } = target;
    let request = strikemap::app::ExportRequest {
        config,
        state: None,
        size,
        scale,
        renderer,
        svg,
        path: path.clone(),
    };
    match strikemap::app::export_png(request) {
        Ok(drawn_by) => {
            let pixels = size.map(|n| (n as f32 * scale).round() as u32);
            println!(
                "strikemap: wrote {} ({}×{}, drawn by {drawn_by})",
                path.display(),
                pixels[0],
                pixels[1]
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("strikemap: {err}");
            ExitCode::FAILURE
        }
    }
}
