//! Figures for slides and worksheets: the cost surface with the descent path, and the network
//! diagram with its forward and backward values, rendered to SVG and PNG with plotters' own
//! backends (no browser).
//!
//!     cargo run --release --example figure -- --out fig.svg --out fig.png 'w1=-3&w2=2&lr=4&it=40'
//!
//! `--help` lists the options. Options, state and drawing live in the library
//! (`backprop_lab::figure`); this file picks the backend by each file's extension,
//! loads the font for PNG text and writes the files. tests/figure.rs runs it through [`run`].

// The bitmap backend and the font are native dev-dependencies; on wasm32 this is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match native::run(&args) {
        Ok(report) => {
            for line in report.warnings {
                eprintln!("warning: {line}");
            }
            if let Some(help) = report.help {
                println!("{help}");
            }
            for line in report.written {
                println!("{line}");
            }
        }
        Err(e) => {
            eprintln!("figure: {e}");
            std::process::exit(2);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)] // tests/figure.rs includes this file and uses only part of it
pub mod native {
    use backprop_lab::figure::slide::Slide;
    use backprop_lab::figure::{self, Command, FigureGeometry, FigureOptions, Format, Scene};
    use plotters::prelude::*;
    use plotters::style::FontStyle;
    use std::sync::OnceLock;

    /// DejaVu Sans, from Debian's fonts-dejavu-core (scripts/setup.sh installs it).
    pub const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    pub const FONT_BOLD: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// What a run did: lines to print.
    #[derive(Debug, Default)]
    pub struct Report {
        /// The help text, when asked for.
        pub help: Option<&'static str>,
        /// Parts of the link that were ignored, and notes on the run.
        pub warnings: Vec<String>,
        /// One line per file written.
        pub written: Vec<String>,
    }

    /// The whole command: reads the arguments, replays the state, writes every --out file.
    /// Every failure is a message naming what was wrong (the option, the file, the font).
    pub fn run<S: AsRef<str>>(args: &[S]) -> Result<Report, String> {
        let options = match figure::parse_args(args).map_err(|e| format!("{e}"))? {
            Command::Help => {
                return Ok(Report {
                    help: Some(figure::USAGE),
                    ..Report::default()
                });
            }
            Command::Render(o) => o,
        };
        let scene = Scene::from_options(&options).map_err(|e| format!("{e}"))?;
        let mut report = Report {
            warnings: options.warnings.clone(),
            ..Report::default()
        };
        report.warnings.extend(scene.notes());
        load_font()?;
        for path in &options.outputs {
            let format =
                Format::of(path).ok_or_else(|| format!("--out {path}: not .svg or .png"))?;
            let bytes = render(&scene, &options, format)?.0;
            std::fs::write(path, &bytes).map_err(|e| format!("could not write {path}: {e}"))?;
            let (w, h) = match format {
                Format::Svg => (options.width, options.height),
                Format::Png => png_size(&options),
            };
            report.written.push(format!(
                "wrote {path} ({w} x {h} px, {} KB)",
                bytes.len().div_ceil(1024)
            ));
        }
        Ok(report)
    }

    /// Registers DejaVu Sans (regular and bold) as plotters' "sans-serif", once: PNG text is
    /// drawn with it, and SVG text is laid out with its measurements. A missing font file is an
    /// error that names the Debian package to install.
    pub fn load_font() -> Result<(), String> {
        static LOADED: OnceLock<Result<(), String>> = OnceLock::new();
        LOADED
            .get_or_init(|| {
                let read = read_font;
                let regular: &'static [u8] = Box::leak(read(FONT)?.into_boxed_slice());
                // Bold is in the same package; fall back to regular if it is not there.
                let bold: &'static [u8] = match read(FONT_BOLD) {
                    Ok(b) => Box::leak(b.into_boxed_slice()),
                    Err(_) => regular,
                };
                for (style, bytes) in [(FontStyle::Normal, regular), (FontStyle::Bold, bold)] {
                    plotters::style::register_font(backprop_lab::chart::theme::FONT, style, bytes)
                        .map_err(|_| format!("{FONT} is not a font plotters can read"))?;
                }
                Ok(())
            })
            .clone()
    }

    /// A font file's bytes, or a message naming the Debian package that has it.
    pub fn read_font(path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| {
            format!(
                "the font {path} is missing ({e}); install it with \
                 `apt-get install fonts-dejavu-core` (scripts/setup.sh test does)"
            )
        })
    }

    /// The figure in a file format: the file's bytes and where everything was drawn. The SVG
    /// is the library's ([`figure::svg`], what the page's Export downloads too); the PNG is
    /// the same figure on plotters' bitmap backend at `--scale` pixels per unit, its text drawn
    /// with DejaVu Sans.
    pub fn render(
        scene: &Scene,
        options: &FigureOptions,
        format: Format,
    ) -> Result<(Vec<u8>, FigureGeometry), String> {
        let (w, h) = (options.width, options.height);
        let style = &options.style;
        let failed = |e: &dyn std::fmt::Display| format!("drawing the figure failed: {e}");
        match format {
            Format::Svg => {
                let (svg, geometry) = figure::svg(scene, style, (w, h))?;
                Ok((svg.into_bytes(), geometry))
            }
            Format::Png => {
                let k = style.scale;
                let (pw, ph) = png_size(options);
                let mut rgb = vec![0u8; pw as usize * ph as usize * 3];
                let geometry = {
                    let bitmap = BitMapBackend::with_buffer(&mut rgb, (pw, ph));
                    let root = Slide::bitmap(bitmap, (w, h), k, k).into_drawing_area();
                    let g = figure::draw_figure(&root, scene, style).map_err(|e| failed(&e))?;
                    root.present().map_err(|e| failed(&e))?;
                    g
                };
                let mut png = Vec::new();
                image::codecs::png::PngEncoder::new(&mut png)
                    .write_image(&rgb, pw, ph, image::ColorType::Rgb8)
                    .map_err(|e| format!("encoding the PNG failed: {e}"))?;
                Ok((png, geometry))
            }
        }
    }

    /// A PNG's size in pixels: the figure's times `--scale`.
    pub fn png_size(options: &FigureOptions) -> (u32, u32) {
        let k = options.style.scale;
        (
            (options.width as f64 * k).round() as u32,
            (options.height as f64 * k).round() as u32,
        )
    }

    use image::ImageEncoder;
}
