//! Vector tiles over HTTP, as politely as raster tiles are fetched: a User-Agent, a timeout,
//! a few retries with growing waits for what may pass (a dropped connection, a timeout, a busy
//! server), and a count of every byte fetched. Range reads (PMTiles) check that the server
//! really answered with the range: one that sends the whole file instead is reported, and the
//! body is not downloaded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;

/// How requests are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    pub user_agent: String,
    /// A request that takes longer than this, connection included, has failed.
    pub timeout: Duration,
    /// Tries after the first for a failure that may pass.
    pub retries: u32,
    /// The wait before the first retry; each next one waits twice as long.
    pub backoff: Duration,
}

impl HttpSettings {
    /// Settings with strikemap's defaults: 15 s, 3 retries after 0.5, 1 and 2 s.
    pub fn new(user_agent: impl Into<String>) -> Self {
        Self {
            user_agent: user_agent.into(),
            timeout: Duration::from_secs(15),
            retries: 3,
            backoff: Duration::from_millis(500),
        }
    }
}

/// What a source's requests have cost, read by the layer panel and the benchmark.
#[derive(Debug, Default)]
pub struct NetStats {
    pub requests: AtomicU64,
    /// Body bytes received.
    pub bytes: AtomicU64,
    pub retries: AtomicU64,
    /// Requests that failed for good.
    pub failures: AtomicU64,
    pub last_error: Mutex<Option<String>>,
}

impl NetStats {
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    pub fn last_error(&self) -> Option<String> {
        self.last_error.lock().ok()?.clone()
    }

    fn failed(&self, message: &str) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut last) = self.last_error.lock() {
            *last = Some(message.to_owned());
        }
    }
}

/// An HTTP client for one tile source.
#[derive(Debug)]
pub struct Http {
    client: reqwest::Client,
    settings: HttpSettings,
    pub stats: NetStats,
    /// Each file's whole length, as a server's `Content-Range` said it.
    sizes: Mutex<HashMap<String, u64>>,
}

impl Http {
    pub fn new(settings: HttpSettings) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(settings.timeout)
            .timeout(settings.timeout)
            .build()
            .map_err(|err| format!("cannot start the HTTP client: {err}"))?;
        Ok(Self {
            client,
            settings,
            stats: NetStats::default(),
            sizes: Mutex::new(HashMap::new()),
        })
    }

    /// `length` bytes of `url` from `offset` (fewer only at the end of the file).
    pub async fn range(&self, url: &str, offset: u64, length: usize) -> Result<Bytes, String> {
        let last = offset + length.max(1) as u64 - 1;
        let header = format!("bytes={offset}-{last}");
        let result = self
            .fetch(url, Some(&header), length, |status| match status {
                StatusCode::PARTIAL_CONTENT => Ok(Answer::Body),
                StatusCode::OK => Ok(Answer::WholeFile),
                StatusCode::RANGE_NOT_SATISFIABLE => Err(format!(
                    "{url}: the file is shorter than its own index says (range {offset}-{last} \
                     is past its end): the archive is truncated"
                )),
                other => Err(format!("{url}: the server answered {other}")),
            })
            .await;
        self.settle(result.map(|body| body.unwrap_or_default()))
    }

    /// The length of the file at `url`, from the `Content-Range` of a one-byte range request
    /// (a format whose footer is at its end, as Parquet's is, must know it first).
    pub async fn size(&self, url: &str) -> Result<u64, String> {
        self.range(url, 0, 1).await?;
        let known = self.sizes.lock().ok().and_then(|s| s.get(url).copied());
        match known {
            Some(size) => Ok(size),
            None => self.settle(Err(format!(
                "{url}: the server did not say how long the file is (no Content-Range)"
            ))),
        }
    }

    /// The whole of `url`, at most `limit` bytes; `None` when the server has no such tile
    /// (204 or 404: a tile server's way of saying the tile is empty).
    pub async fn get(&self, url: &str, limit: usize) -> Result<Option<Bytes>, String> {
        let result = self
            .fetch(url, None, limit, |status| match status {
                StatusCode::OK => Ok(Answer::Body),
                StatusCode::NO_CONTENT | StatusCode::NOT_FOUND => Ok(Answer::Nothing),
                other => Err(format!("{url}: the server answered {other}")),
            })
            .await;
        self.settle(result)
    }

    fn settle<T>(&self, result: Result<T, String>) -> Result<T, String> {
        if let Err(message) = &result {
            self.stats.failed(message);
        }
        result
    }

    /// One request, tried again while it fails in a way that may pass. `accept` says what a
    /// status means (`Err`: a failure for good).
    async fn fetch(
        &self,
        url: &str,
        range: Option<&str>,
        limit: usize,
        accept: impl Fn(StatusCode) -> Result<Answer, String>,
    ) -> Result<Option<Bytes>, String> {
        let mut attempt = 0;
        loop {
            let outcome = self.fetch_once(url, range, limit, &accept).await;
            match outcome {
                Err(Failure::Passing(message)) if attempt < self.settings.retries => {
                    log::debug!("{message}; trying again");
                    self.stats.retries.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(self.settings.backoff * 2u32.pow(attempt)).await;
                    attempt += 1;
                }
                Err(Failure::Passing(message) | Failure::Lasting(message)) => return Err(message),
                Ok(body) => return Ok(body),
            }
        }
    }

    async fn fetch_once(
        &self,
        url: &str,
        range: Option<&str>,
        limit: usize,
        accept: &impl Fn(StatusCode) -> Result<Answer, String>,
    ) -> Result<Option<Bytes>, Failure> {
        self.stats.requests.fetch_add(1, Ordering::Relaxed);
        let mut request = self.client.get(url);
        if let Some(range) = range {
            request = request.header(reqwest::header::RANGE, range);
        }
        let mut response = request.send().await.map_err(|err| describe(url, &err))?;
        let status = response.status();
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Failure::Passing(format!(
                "{url}: the server answered {status}"
            )));
        }
        match accept(status).map_err(Failure::Lasting)? {
            Answer::Nothing => return Ok(None),
            Answer::WholeFile => {
                return Err(Failure::Lasting(self.whole_file(url, response).await));
            }
            Answer::Body => {}
        }
        if status == StatusCode::PARTIAL_CONTENT {
            self.note_size(url, &response);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| describe(url, &err))? {
            self.stats
                .bytes
                .fetch_add(chunk.len() as u64, Ordering::Relaxed);
            body.extend_from_slice(&chunk);
            if body.len() > limit {
                return Err(Failure::Lasting(format!(
                    "{url}: the server sent more than the {limit} bytes asked for"
                )));
            }
        }
        Ok(Some(Bytes::from(body)))
    }
}

/// What a response's status means.
enum Answer {
    /// A body to read.
    Body,
    /// No body: an empty tile.
    Nothing,
    /// A range request answered with the whole file (or with something else entirely).
    WholeFile,
}

impl Http {
    /// Keep the file's whole length from a 206's `Content-Range: bytes a-b/LENGTH`.
    fn note_size(&self, url: &str, response: &reqwest::Response) {
        let total = response
            .headers()
            .get(reqwest::header::CONTENT_RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit('/').next())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let (Some(total), Ok(mut sizes)) = (total, self.sizes.lock()) {
            sizes.insert(url.to_owned(), total);
        }
    }

    /// What a 200 to a range request is, from its first bytes (the rest is not downloaded): the
    /// archive itself from a host that ignores ranges, or something that is no archive at all.
    async fn whole_file(&self, url: &str, mut response: reqwest::Response) -> String {
        let first = response.chunk().await.ok().flatten().unwrap_or_default();
        self.stats
            .bytes
            .fetch_add(first.len() as u64, Ordering::Relaxed);
        // What the file should be, from its first bytes (PMTiles, FlatGeobuf).
        let lower = url.to_ascii_lowercase();
        let what = if lower.contains(".fgb") {
            "FlatGeobuf file"
        } else if lower.contains("parquet") {
            "Parquet file"
        } else {
            "PMTiles archive"
        };
        if first.starts_with(b"PMTiles") || first.starts_with(b"fgb") || first.starts_with(b"PAR1")
        {
            format!(
                "{url}: the server ignores range requests (it answered a request for part of \
                 the file with the whole file); a {what} must be served by a host that \
                 supports them"
            )
        } else {
            let start: String = String::from_utf8_lossy(&first[..first.len().min(40)])
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            format!("{url}: not a {what} (the server sent something starting {start:?})")
        }
    }
}

/// Why a request failed: for now (try again) or for good.
enum Failure {
    Passing(String),
    Lasting(String),
}

/// A transport error in words, and whether it may pass.
fn describe(url: &str, err: &reqwest::Error) -> Failure {
    let message = if err.is_timeout() {
        format!("{url}: no answer in time")
    } else if err.is_connect() {
        format!("{url}: cannot connect (no network, or the server is down)")
    } else {
        format!("{url}: {err}")
    };
    if err.is_timeout() || err.is_connect() || err.is_body() || err.is_request() {
        Failure::Passing(message)
    } else {
        Failure::Lasting(message)
    }
}
