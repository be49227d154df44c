//! Artifacts in real sandboxes: plots a run shows (Python's matplotlib and
//! plotly, R's base graphics, ggplot2 printed or saved with `ggsave()`, and
//! lattice) and files it writes to
//! `$LLM_SANDBOX_ARTIFACTS` come back with that run, capped, and nothing a
//! hostile program plants can lead outside the destination. Plotting
//! libraries come from the data-science images that `dev/prepare` builds
//! (`host images bootstrap python|r --flavor datascience`).

mod support;

use llm_sandbox_host::artifacts::{Artifact, ArtifactKind, ArtifactOptions, PlotFormat};
use llm_sandbox_host::{RunResult, SecurityPreset, Session, SessionConfig};
use support::{host, open, texts};

const PYTHON_DS: &str = "llm-sandbox/python-datascience:bookworm";
const R_DS: &str = "llm-sandbox/r-datascience:bookworm";

fn capturing(lang: &str, image: &str) -> SessionConfig {
    SessionConfig {
        image: Some(image.into()),
        artifacts: Some(ArtifactOptions::default()),
        ..SessionConfig::new(lang)
    }
}

async fn run(session: &Session, code: &str) -> RunResult {
    let result = session.run(code, &[]).await.unwrap();
    assert_eq!(result.exit_code, 0, "{}{}", result.stdout, result.stderr);
    result
}

fn plots(result: &RunResult) -> Vec<&Artifact> {
    result
        .artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::Plot)
        .collect()
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[tokio::test(flavor = "multi_thread")]
async fn matplotlib_plots_come_back_in_order_as_pngs_of_their_size() {
    let (_host, session) = open(capturing("python", PYTHON_DS)).await;
    let result = run(
        &session,
        "import matplotlib.pyplot as plt\n\
         plt.figure(figsize=(4, 3)); plt.plot([1, 2, 3], [3, 1, 2]); plt.show()\n\
         plt.figure(figsize=(6, 2)); plt.bar(['a', 'b'], [1, 2]); plt.show()\n\
         print('drawn')",
    )
    .await;
    assert_eq!(result.stdout, "drawn\n");
    let shown = plots(&result);
    assert_eq!(shown.len(), 2, "{:?}", result.artifacts);
    assert_eq!((shown[0].order, shown[1].order), (Some(1), Some(2)));
    assert_eq!(shown[0].mime, "image/png");
    // 100 dpi: the figure sizes in inches, in pixels.
    assert_eq!(png_size(&shown[0].bytes), (400, 300));
    assert_eq!(png_size(&shown[1].bytes), (600, 200));
    // The next run returns its own plots only: none.
    let next = run(&session, "print(1)").await;
    assert!(next.artifacts.is_empty(), "{:?}", next.artifacts);
    // A figure left open when the program ends is a plot too (seaborn draws
    // with matplotlib).
    let open_figure = run(
        &session,
        "import seaborn as sns\nsns.histplot([1, 2, 2, 3, 3, 3])",
    )
    .await;
    assert_eq!(
        plots(&open_figure).len(),
        1,
        "{:?}",
        open_figure.artifact_notes
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn svg_and_pdf_on_request_and_plotly_as_html_with_its_data() {
    let config = SessionConfig {
        artifacts: Some(ArtifactOptions {
            plot_formats: vec![PlotFormat::Svg, PlotFormat::Pdf],
            ..ArtifactOptions::default()
        }),
        ..capturing("python", PYTHON_DS)
    };
    let (_host, session) = open(config).await;
    let result = run(
        &session,
        "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()\n\
         import plotly.express as px\npx.scatter(x=[1, 2, 3], y=[2, 4, 8]).show()",
    )
    .await;
    let got: Vec<(Option<u32>, &str)> = plots(&result)
        .iter()
        .map(|a| (a.order, a.format.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), "pdf"),
            (Some(1), "svg"),
            (Some(2), "html"),
            (Some(2), "json")
        ]
    );
    let svg = String::from_utf8(plots(&result)[1].bytes.clone()).unwrap();
    assert!(
        svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
        "{svg:.200}"
    );
    assert!(plots(&result)[0].bytes.starts_with(b"%PDF"));
    let html = String::from_utf8_lossy(&plots(&result)[2].bytes).into_owned();
    assert!(
        html.contains("<html") && html.contains("plotly"),
        "{html:.200}"
    );
    let data: serde_json::Value = serde_json::from_slice(&plots(&result)[3].bytes).unwrap();
    assert_eq!(data["data"][0]["y"], serde_json::json!([2, 4, 8]));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn r_base_graphics_and_ggplot2_come_back_as_pngs() {
    let (_host, session) = open(capturing("r", R_DS)).await;
    let result = run(
        &session,
        "plot(1:10, main = 'base')\n\
         library(ggplot2)\n\
         print(ggplot(data.frame(x = 1:3, y = c(2, 1, 3)), aes(x, y)) + geom_line())\n\
         library(lattice)\n\
         print(xyplot(y ~ x, data.frame(x = 1:3, y = 3:1)))\n\
         cat('drawn\\n')",
    )
    .await;
    assert_eq!(result.stdout, "drawn\n");
    let plots = plots(&result);
    assert_eq!(
        plots.len(),
        3,
        "{:?} {:?}",
        result.artifacts,
        result.artifact_notes
    );
    for (i, plot) in plots.iter().enumerate() {
        assert_eq!(plot.order, Some(i as u32 + 1));
        // 7 inches at 100 dpi.
        assert_eq!(png_size(&plot.bytes), (700, 700));
    }
    let none = run(&session, "x <- 1").await;
    assert!(none.artifacts.is_empty());
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_r_plot_saved_with_ggsave_is_a_plot_in_run_order_and_the_users_file() {
    let (_host, session) = open(capturing("r", R_DS)).await;
    let result = run(
        &session,
        "plot(1:10)\n\
         library(ggplot2)\n\
         p <- ggplot(data.frame(x = 1:3, y = c(2, 1, 3)), aes(x, y)) + geom_line()\n\
         ggsave(file.path(Sys.getenv('LLM_SANDBOX_ARTIFACTS'), 'chart.png'), p, width = 4, height = 3)\n\
         print(p)\n\
         ggsave('wide.pdf', width = 254, height = 127, units = 'mm', scale = 0.5)\n\
         cat(file.exists('wide.pdf'), '\\n')",
    )
    .await;
    assert_eq!(result.stdout, "TRUE \n", "{}", result.stderr);
    let shown = plots(&result);
    // The base plot (its page was still open while ggsave() ran), the saved
    // plot at its size, the printed one, the one saved in millimetres (5 x
    // 2.5 in): PNGs at 100 dpi, in the order the program made them.
    let sizes: Vec<(Option<u32>, (u32, u32))> = shown
        .iter()
        .map(|plot| (plot.order, png_size(&plot.bytes)))
        .collect();
    assert_eq!(
        sizes,
        [
            (Some(1), (700, 700)),
            (Some(2), (400, 300)),
            (Some(3), (700, 700)),
            (Some(4), (500, 250)),
        ],
        "{:?}",
        result.artifact_notes
    );
    // ggsave() wrote the user's file as it always does (4 x 3 in at its 300 dpi).
    let saved = result
        .artifacts
        .iter()
        .find(|a| a.kind == ArtifactKind::File)
        .unwrap();
    assert_eq!(saved.name, "chart.png");
    assert_eq!(png_size(&saved.bytes), (1200, 900));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn r_plots_come_back_in_every_requested_format() {
    let config = SessionConfig {
        artifacts: Some(ArtifactOptions {
            plot_formats: vec![PlotFormat::Svg, PlotFormat::Pdf],
            ..ArtifactOptions::default()
        }),
        ..capturing("r", R_DS)
    };
    let (_host, session) = open(config).await;
    let result = run(
        &session,
        "plot(1:10)\n\
         invisible(dev.off())\n\
         library(ggplot2)\n\
         p <- ggplot(data.frame(x = 1:3, y = c(2, 1, 3)), aes(x, y)) + geom_line()\n\
         print(p)\n\
         ggsave('p.png', p)\n\
         hist(c(1, 2, 2, 3))",
    )
    .await;
    let shown = plots(&result);
    let got: Vec<(Option<u32>, &str, &str)> = shown
        .iter()
        .map(|a| (a.order, a.name.as_str(), a.mime.as_str()))
        .collect();
    let mut expected = Vec::new();
    for order in 1..=4 {
        expected.push((Some(order), format!("{order:04}.pdf"), "application/pdf"));
        expected.push((Some(order), format!("{order:04}.svg"), "image/svg+xml"));
    }
    let expected: Vec<(Option<u32>, &str, &str)> = expected
        .iter()
        .map(|(order, name, mime)| (*order, name.as_str(), *mime))
        .collect();
    assert_eq!(got, expected, "{:?}", result.artifact_notes);
    for plot in &shown {
        if plot.format == "pdf" {
            assert!(plot.bytes.starts_with(b"%PDF"), "{}", plot.name);
        } else {
            let svg = String::from_utf8(plot.bytes.clone()).unwrap();
            assert!(
                svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
                "{}: {svg:.200}",
                plot.name
            );
        }
    }
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interactive_r_cell_returns_its_own_plots_numbered_from_one() {
    let config = SessionConfig {
        interactive: true,
        artifacts: Some(ArtifactOptions {
            plot_formats: vec![PlotFormat::Png, PlotFormat::Svg],
            ..ArtifactOptions::default()
        }),
        ..capturing("r", R_DS)
    };
    let (_host, session) = open(config).await;
    run(&session, "library(ggplot2)").await;
    // Two pages, each in both formats; the last one is written when the
    // kernel closes the cell's devices.
    let first = run(&session, "plot(1:3)\nbarplot(1:2)").await;
    let orders = |result: &RunResult| -> Vec<(Option<u32>, String)> {
        plots(result)
            .iter()
            .map(|a| (a.order, a.format.clone()))
            .collect()
    };
    let both = |n: u32| -> Vec<(Option<u32>, String)> {
        (1..=n)
            .flat_map(|i| [(Some(i), "png".to_string()), (Some(i), "svg".to_string())])
            .collect()
    };
    assert_eq!(orders(&first), both(2), "{:?}", first.artifact_notes);
    // The next cell's plots are its own, numbered from 1.
    let second = run(
        &session,
        "q <- ggplot(data.frame(x = 1), aes(x, x)) + geom_point()\n\
         ggsave('q.png', q, width = 2, height = 2)",
    )
    .await;
    assert_eq!(orders(&second), both(1), "{:?}", second.artifact_notes);
    assert_eq!(png_size(&plots(&second)[0].bytes), (200, 200));
    let third = run(&session, "x <- 1").await;
    assert!(third.artifacts.is_empty(), "{:?}", third.artifacts);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn files_written_to_the_artifacts_directory_come_back_by_name() {
    let (_host, session) = open(capturing("python", PYTHON_DS)).await;
    let result = run(
        &session,
        "import os\nd = os.environ['LLM_SANDBOX_ARTIFACTS']\n\
         os.makedirs(f'{d}/report', exist_ok=True)\n\
         open(f'{d}/report/summary.csv', 'w').write('a,b\\n1,2\\n')\n\
         open(f'{d}/notes.txt', 'w').write('hello')",
    )
    .await;
    let files: Vec<(&str, &str, &[u8])> = result
        .artifacts
        .iter()
        .map(|a| (a.name.as_str(), a.mime.as_str(), a.bytes.as_slice()))
        .collect();
    assert_eq!(
        files,
        [
            ("notes.txt", "text/plain", &b"hello"[..]),
            ("report/summary.csv", "text/csv", &b"a,b\n1,2\n"[..]),
        ]
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn planted_links_lead_nowhere_and_are_named() {
    let (_host, session) = open(capturing("python", PYTHON_DS)).await;
    let result = run(
        &session,
        "import os\nd = os.environ['LLM_SANDBOX_ARTIFACTS']\n\
         os.makedirs(f'{d}/b')\n\
         os.symlink('../..', f'{d}/b/c')\n\
         os.symlink('b/c/..', f'{d}/d')\n\
         os.symlink('/etc/passwd', f'{d}/passwd')\n\
         try: os.link('/etc/hostname', f'{d}/hard')\n\
         except OSError: pass  # another file system (or a bind mount: Kubernetes)\n\
         open(f'{d}/real.txt', 'w').write('kept')",
    )
    .await;
    let names: Vec<&str> = result.artifacts.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"real.txt"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.contains("passwd") || n.starts_with('d') || n.contains("b/c")),
        "{names:?}"
    );
    let notes = result.artifact_notes.join("\n");
    for planted in ["b/c", "`../..`", "files/d", "/etc/passwd"] {
        assert!(notes.contains(planted), "{planted} not named in:\n{notes}");
    }
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flood_of_files_or_one_huge_file_is_capped_and_said() {
    let (_host, session) = open(capturing("python", PYTHON_DS)).await;
    let result = run(
        &session,
        "import os\nd = os.environ['LLM_SANDBOX_ARTIFACTS']\n\
         for i in range(1000):\n    open(f'{d}/f{i:04}', 'w').write('x')",
    )
    .await;
    assert_eq!(result.artifacts.len(), ArtifactOptions::default().max_files);
    assert!(
        result
            .artifact_notes
            .iter()
            .any(|n| n.contains("900 of them")),
        "{:?}",
        result.artifact_notes
    );
    // A sparse file of a terabyte: nothing like that is read.
    let before = support::rss_kib();
    let result = run(
        &session,
        "import os\nd = os.environ['LLM_SANDBOX_ARTIFACTS']\n\
         open(f'{d}/small.txt', 'w').write('ok')\n\
         with open(f'{d}/zz-huge', 'wb') as f:\n    f.truncate(1 << 40)",
    )
    .await;
    let grown = support::rss_kib().saturating_sub(before);
    assert!(grown < 200 * 1024, "the host grew by {grown} KiB");
    let names: Vec<&str> = result.artifacts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["small.txt"]);
    assert!(
        result.artifact_notes.iter().any(|n| n.contains("left out")),
        "{:?}",
        result.artifact_notes
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interactive_cell_returns_its_own_plots() {
    let config = SessionConfig {
        interactive: true,
        ..capturing("python", PYTHON_DS)
    };
    let (_host, session) = open(config).await;
    run(&session, "import matplotlib.pyplot as plt").await;
    // A figure drawn in a cell and not shown comes with that cell.
    let first = run(&session, "plt.plot([1, 2, 3])\nfig = plt.gcf()").await;
    assert_eq!(plots(&first).len(), 1, "{:?}", first.artifact_notes);
    let second = run(
        &session,
        "plt.figure(); plt.plot([3, 2, 1]); plt.show()\n2 + 2",
    )
    .await;
    assert_eq!(plots(&second).len(), 1);
    // Each cell's plots are numbered in that cell, from 1 (as a run's).
    assert_eq!(plots(&second)[0].order, Some(1), "{:?}", plots(&second));
    assert_eq!(second.value.as_deref(), Some("4"));
    let third = run(&session, "x = 1").await;
    assert!(third.artifacts.is_empty());
    session.close().await.unwrap();
}

#[test]
fn host_run_writes_plots_and_files_to_the_artifacts_directory_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let code = "import matplotlib.pyplot as plt, os\nplt.plot([1, 2]); plt.show()\n\
                open(os.environ['LLM_SANDBOX_ARTIFACTS'] + '/table.csv', 'w').write('x\\n1\\n')";
    let out = host(
        &[
            "run",
            "--lang",
            "python",
            "--image",
            PYTHON_DS,
            "--artifacts",
            out_dir.to_str().unwrap(),
            "--json",
            "--code",
            code,
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let listed = value["artifacts"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "{stdout}");
    assert_eq!(listed[0]["kind"], "plot");
    assert!(listed[0].get("base64").is_none(), "bytes only when asked");
    let plot = std::fs::read(out_dir.join("plot-0001.png")).unwrap();
    assert_eq!(png_size(&plot), (640, 480));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("files/table.csv")).unwrap(),
        "x\n1\n"
    );
    // Nothing is written over what is there.
    let again = host(
        &[
            "run",
            "--lang",
            "python",
            "--image",
            PYTHON_DS,
            "--artifacts",
            out_dir.to_str().unwrap(),
            "--code",
            code,
        ],
        None,
    );
    let (_, stderr) = texts(&again);
    assert_eq!(again.status.code(), Some(125), "{stderr}");
    assert!(stderr.contains("exists"), "{stderr}");
    // With --artifacts-base64, the bytes come in the JSON.
    let out = host(
        &[
            "run",
            "--lang",
            "python",
            "--image",
            PYTHON_DS,
            "--json",
            "--artifacts-base64",
            "--code",
            "import matplotlib.pyplot as plt\nplt.plot([1]); plt.show()",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    let value: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stdout}{stderr}"));
    let encoded = value["artifacts"][0]["base64"].as_str().unwrap();
    assert!(encoded.starts_with("iVBORw0KGgo"), "{encoded:.20}");
}

#[test]
fn matplotlib_installed_with_lib_on_the_default_image_is_captured_too() {
    let ca = support::ca_bundle();
    let dir = tempfile::tempdir().unwrap();
    let out = host(
        &[
            "run",
            "--lang",
            "python",
            "--lib",
            "matplotlib",
            "--ca-bundle",
            ca.to_str().unwrap(),
            "--artifacts",
            dir.path().to_str().unwrap(),
            "--code",
            "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    let plot = std::fs::read(dir.path().join("plot-0001.png")).unwrap();
    assert_eq!(png_size(&plot), (640, 480));
}

/// Regression: under a security preset the root is read-only and the work
/// dir a tmpfs, which the engine's archive API cannot read, so every plot
/// and file was lost (with a note); and matplotlib, with no writable home
/// for `nobody`, warned on stderr and rebuilt its font cache on every run.
#[tokio::test(flavor = "multi_thread")]
async fn plots_and_files_come_back_from_a_sandbox_under_the_production_preset() {
    let preset = SecurityPreset::get("production").unwrap();
    let config = capturing("python", PYTHON_DS).with_preset(&preset);
    let (_host, session) = open(config).await;
    let code = "import matplotlib.pyplot as plt, os\nplt.plot([1, 2]); plt.show()\n\
                open(os.environ['LLM_SANDBOX_ARTIFACTS'] + '/n.txt', 'w').write('7')";
    let result = run(&session, code).await;
    assert!(
        result.artifact_notes.is_empty(),
        "{:?}",
        result.artifact_notes
    );
    assert_eq!(plots(&result).len(), 1);
    let file = result
        .artifacts
        .iter()
        .find(|a| a.name == "n.txt")
        .expect("the file");
    assert_eq!(file.bytes, b"7");
    assert_eq!(result.stderr, "", "no warning from matplotlib");
    session.close().await.unwrap();
}

/// Headless code often starts with `matplotlib.use("Agg")`; its plots used
/// to be lost (the program's own backend won). Agg keeps the capture, and
/// `savefig` still writes the user's file.
#[tokio::test(flavor = "multi_thread")]
async fn a_program_that_picks_agg_still_has_its_plots_captured() {
    let (_host, session) = open(capturing("python", PYTHON_DS)).await;
    let code = "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n\
                plt.plot([1, 2, 3]); plt.savefig('mine.png'); plt.show()\n\
                import os; print(os.path.getsize('mine.png') > 0, matplotlib.get_backend())";
    let result = run(&session, code).await;
    assert_eq!(plots(&result).len(), 1, "{result:?}");
    assert!(result.stdout.starts_with("True"), "{}", result.stdout);
    session.close().await.unwrap();
}
