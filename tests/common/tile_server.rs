//! A loopback raster tile server that plays each fault a real one can (404, 500, garbage, a
//! truncated PNG, a 10-second stall, a dropped connection, a server that comes back) by the
//! first segment of the path, and counts the requests it was sent.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use strikemap::map::tiles::TemplateSource;

/// A loopback tile server. The first path segment says how to answer, e.g. `/404/6/44/27.png`.
pub struct TileServer {
    pub port: u16,
    requests: Arc<AtomicUsize>,
    /// While set, `/flaky/…` answers 500; cleared, it serves valid tiles.
    pub flaky_down: Arc<AtomicBool>,
}

impl TileServer {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("bound").port();
        let requests = Arc::new(AtomicUsize::new(0));
        let flaky_down = Arc::new(AtomicBool::new(true));
        let (count, down) = (requests.clone(), flaky_down.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (count, down) = (count.clone(), down.clone());
                std::thread::spawn(move || answer(stream, &count, &down));
            }
        });
        Self {
            port,
            requests,
            flaky_down,
        }
    }

    pub fn template(&self, fault: &str) -> TemplateSource {
        TemplateSource::parse(&format!(
            "http://127.0.0.1:{}/{fault}/{{z}}/{{x}}/{{y}}.png",
            self.port
        ))
        .expect("a valid template")
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// A 256×256 PNG tile of one colour.
pub fn png_tile() -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(256, 256, image::Rgba([200, 120, 200, 255]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode a PNG");
    bytes.into_inner()
}

fn answer(mut stream: TcpStream, count: &AtomicUsize, flaky_down: &AtomicBool) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    count.fetch_add(1, Ordering::SeqCst);
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/");
    let fault = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let png = png_tile();
    let reply = |stream: &mut TcpStream, status: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: image/png\r\nContent-Length: {}\r\n\
             Cache-Control: max-age=86400\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match fault {
        "ok" => reply(&mut stream, "200 OK", &png),
        "404" => reply(&mut stream, "404 Not Found", b"no such tile"),
        "500" => reply(&mut stream, "500 Internal Server Error", b"oops"),
        "garbage" => reply(&mut stream, "200 OK", &[0x5a; 4000]),
        "truncated" => reply(&mut stream, "200 OK", &png[..png.len() / 2]),
        "stall" => {
            std::thread::sleep(Duration::from_secs(10));
            reply(&mut stream, "200 OK", &png);
        }
        "drop" => drop(stream),
        "flaky" if flaky_down.load(Ordering::SeqCst) => {
            reply(&mut stream, "500 Internal Server Error", b"down")
        }
        "flaky" => reply(&mut stream, "200 OK", &png),
        _ => reply(&mut stream, "400 Bad Request", b"unknown fault"),
    }
}
