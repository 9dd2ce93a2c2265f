//! The load generator of `bench/inbox_load.sh`: posts every token of a file (one a line) to a
//! URL, `CONCURRENCY` requests at a time, and prints one line of JSON: how many were answered
//! 200 and otherwise, the throughput, and the p50 / p99 time to the answer.
//!
//! ```text
//! cargo run --release --example load_client -- URL TOKENS_FILE CONCURRENCY
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, tokens, concurrency] = args.as_slice() else {
        return Err("usage: load_client URL TOKENS_FILE CONCURRENCY".into());
    };
    let concurrency: usize = concurrency.parse()?;
    let tokens: Vec<String> = std::fs::read_to_string(tokens)?
        .lines()
        .map(str::to_owned)
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(url.clone(), tokens, concurrency))
}

async fn run(
    url: String,
    tokens: Vec<String>,
    concurrency: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let total = tokens.len();
    let queue = Arc::new(Mutex::new(tokens.into_iter()));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (queue, client, url) = (queue.clone(), client.clone(), url.clone());
        tasks.spawn(async move {
            let mut results: Vec<(bool, Duration)> = Vec::new();
            loop {
                let Some(token) = queue.lock().await.next() else {
                    return results;
                };
                let sent = Instant::now();
                let ok = match client.post(&url).body(token).send().await {
                    Ok(response) => response.status().as_u16() == 200,
                    Err(_) => false,
                };
                results.push((ok, sent.elapsed()));
            }
        });
    }
    let mut results = Vec::with_capacity(total);
    while let Some(done) = tasks.join_next().await {
        results.extend(done?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = results.iter().filter(|(ok, _)| *ok).count();
    let mut latencies: Vec<f64> = results.iter().map(|(_, t)| t.as_secs_f64() * 1e3).collect();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{{\"sent\": {}, \"ok\": {ok}, \"not_ok\": {}, \"elapsed_s\": {elapsed:.3}, \"rps\": {:.1}, \"p50_ms\": {:.3}, \"p99_ms\": {:.3}}}",
        results.len(),
        results.len() - ok,
        results.len() as f64 / elapsed,
        at(0.50),
        at(0.99)
    );
    Ok(())
}
