//! A loopback HTTP server for vector tile tests and benchmarks: it serves files with range requests, as a
//! static host or object store does, and plays the faults real hosts have. The first path
//! segment says how to answer:
//! - `/good/NAME`: the file, honouring `Range` (206);
//! - `/norange/NAME`: the whole file (200) whatever the `Range` asks;
//! - `/truncated/NAME`: the file cut to half its length, ranges past the end refused (416);
//! - `/garbage/NAME`: an HTML error page (200) to every request;
//! - `/flaky/NAME`: 503 to the first two requests, then as `/good/`;
//! - `/tiles/z/x/y.pbf`: a tile of the fixture directory, 404 when there is none.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The server and what it has been asked.
pub struct RangeServer {
    pub port: u16,
    pub requests: Arc<AtomicUsize>,
    /// Body bytes sent.
    pub bytes: Arc<AtomicUsize>,
}

struct Served {
    files: HashMap<String, Vec<u8>>,
    tiles: PathBuf,
    requests: Arc<AtomicUsize>,
    bytes: Arc<AtomicUsize>,
    flaky: AtomicUsize,
}

impl RangeServer {
    /// Serve `files` (name, bytes) and the tile directory `tiles`.
    pub fn start(files: Vec<(&str, Vec<u8>)>, tiles: PathBuf) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let requests = Arc::new(AtomicUsize::new(0));
        let bytes = Arc::new(AtomicUsize::new(0));
        let served = Arc::new(Served {
            files: files.into_iter().map(|(n, b)| (n.to_owned(), b)).collect(),
            tiles,
            requests: requests.clone(),
            bytes: bytes.clone(),
            flaky: AtomicUsize::new(2),
        });
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let served = served.clone();
                std::thread::spawn(move || served.answer(stream));
            }
        });
        Ok(Self {
            port,
            requests,
            bytes,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }
}

impl Served {
    fn answer(&self, mut stream: TcpStream) {
        let Some((path, range)) = read_request(&stream) else {
            return;
        };
        self.requests.fetch_add(1, Ordering::SeqCst);
        let (mode, name) = path
            .trim_start_matches('/')
            .split_once('/')
            .unwrap_or(("", ""));
        let file = self.files.get(name);
        let length = match (mode, file) {
            ("truncated", Some(file)) => file.len() / 2,
            (_, Some(file)) => file.len(),
            _ => 0,
        };
        let (status, body) = match (mode, file) {
            ("garbage", _) => (200, b"<html><body>502 Bad Gateway</body></html>".to_vec()),
            ("tiles", _) => match std::fs::read(self.tiles.join(name)) {
                Ok(bytes) => (200, bytes),
                Err(_) => (404, Vec::new()),
            },
            ("flaky", Some(_))
                if self
                    .flaky
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok() =>
            {
                (503, Vec::new())
            }
            ("norange", Some(file)) => (200, file.clone()),
            ("truncated", Some(file)) => ranged(&file[..file.len() / 2], range),
            ("good" | "flaky", Some(file)) => ranged(file, range),
            _ => (404, Vec::new()),
        };
        self.bytes.fetch_add(body.len(), Ordering::SeqCst);
        let reason = match status {
            200 => "OK",
            206 => "Partial Content",
            404 => "Not Found",
            416 => "Range Not Satisfiable",
            _ => "Service Unavailable",
        };
        // A 206 says which bytes it holds of how many, as every range-serving host does.
        let content_range = match (status, range) {
            (206, Some((start, _))) => format!(
                "Content-Range: bytes {start}-{}/{length}\r\n",
                start + body.len().saturating_sub(1)
            ),
            _ => String::new(),
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\n{content_range}Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
    }
}

/// The bytes a range asks for (206), the whole file without one (200), 416 past the end.
fn ranged(file: &[u8], range: Option<(usize, usize)>) -> (u16, Vec<u8>) {
    match range {
        None => (200, file.to_vec()),
        Some((start, _)) if start >= file.len() => (416, Vec::new()),
        Some((start, end)) => (206, file[start..=end.min(file.len() - 1)].to_vec()),
    }
}

/// The request's path and its `Range: bytes=a-b`, if any.
fn read_request(stream: &TcpStream) -> Option<(String, Option<(usize, usize)>)> {
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let path = first.split_whitespace().nth(1)?.to_owned();
    let mut range = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("range")
        {
            let spec = value.trim().strip_prefix("bytes=")?;
            let (a, b) = spec.split_once('-')?;
            range = Some((a.parse().ok()?, b.trim().parse().ok()?));
        }
    }
    Some((path, range))
}
