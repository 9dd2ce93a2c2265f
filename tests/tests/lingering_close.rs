//! A body over the limit is answered 413, and the client reads that answer even when it sends
//! its whole request before reading, as most clients do: `serve` as a process, with a raw TCP
//! client. Then the bounds of the drain that makes it so, on the library's server: a client
//! sending more than the byte bound, or for longer than the time bound, is cut off.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use backend_events::http::Config;
use backend_events::serve::Server;
use backend_events::webhook::Verifier;
use support::{app_keys, start_serve};

/// A guard against a hang, far above what any exchange here takes: not a measurement.
const STALL: Duration = Duration::from_secs(60);

/// A connection to `addr` with the head of a `POST /webhooks` of `length` bytes sent.
fn post_head(addr: &str, length: usize) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(STALL)).unwrap();
    stream.set_write_timeout(Some(STALL)).unwrap();
    write!(
        stream,
        "POST /webhooks HTTP/1.1\r\nhost: {addr}\r\ncontent-type: text/plain\r\ncontent-length: {length}\r\n\r\n"
    )
    .unwrap();
    stream
}

/// Everything the server sends until it closes.
fn answer(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// `host:port` of a URL such as `http://127.0.0.1:8080/webhooks`.
fn addr_of(url: &str) -> &str {
    let rest = url.strip_prefix("http://").unwrap();
    &rest[..rest.find('/').unwrap_or(rest.len())]
}

/// The library's server on an ephemeral port, in a thread of its own; its address.
fn start_server(config: Config) -> String {
    let (sender, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender
                .send(listener.local_addr().unwrap().to_string())
                .unwrap();
            let verifier = Verifier::from_pem(&app_keys().public_pem).unwrap();
            Server::new(verifier)
                .with_config(config)
                .serve(listener, std::future::pending())
                .await
                .unwrap();
        });
    });
    address.recv().unwrap()
}

/// Whether `error` is the connection being cut: reset by the server, or written after that.
fn is_cut(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::ConnectionReset | ErrorKind::BrokenPipe | ErrorKind::ConnectionAborted
    )
}

/// Closing at once, with the body still arriving, reset the connection about two times in
/// three here, and the client's write failed with a broken pipe: twenty in a row must all read
/// the 413.
#[test]
fn a_client_that_sends_a_5_mib_body_before_reading_reads_the_413() {
    let (mut server, url) = start_serve(&["--no-inbox"], &[]);
    let addr = addr_of(&url).to_owned();
    let body = vec![b'x'; 5 * 1024 * 1024];
    for round in 0..20 {
        let mut stream = post_head(&addr, body.len());
        if let Err(error) = stream.write_all(&body) {
            panic!("round {round}: the body could not be sent: {error}");
        }
        let answer = answer(&mut stream);
        assert!(
            answer.starts_with("HTTP/1.1 413 "),
            "round {round}: {answer:?}"
        );
        assert!(answer.contains("length limit exceeded"), "{answer:?}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
}

/// The byte bound: past it the server stops reading, and a client that goes on sending is cut
/// off rather than read forever.
#[test]
fn a_client_sending_past_the_drain_limit_is_cut_off() {
    let config = Config::default()
        .with_body_limit(1024)
        .with_drain(256 * 1024, STALL);
    let addr = start_server(config);
    // Far more than the drain limit and the sockets' buffers together.
    let body = vec![b'x'; 64 * 1024 * 1024];
    let mut stream = post_head(&addr, body.len());
    let sent = stream.write_all(&body);
    match sent {
        Err(error) => assert!(is_cut(&error), "{error}"),
        Ok(()) => panic!("64 MiB were read past a drain limit of 256 KiB"),
    }
}

/// `serve --body-limit --drain-limit --drain-time` set the same bounds as the library's
/// `Config`: past a drain limit of 256 KiB, a sender of 12 MiB (which the default limit, 16 MiB,
/// would drain whole) is cut off.
#[test]
fn serve_takes_the_drain_bounds_from_its_flags() {
    let (mut server, url) = start_serve(
        &[
            "--no-inbox",
            "--body-limit",
            "1024",
            "--drain-limit",
            "262144",
            "--drain-time",
            "30s",
        ],
        &[],
    );
    let body = vec![b'x'; 12 * 1024 * 1024];
    let mut stream = post_head(addr_of(&url), body.len());
    let sent = stream.write_all(&body);
    server.kill().unwrap();
    server.wait().unwrap();
    match sent {
        Err(error) => assert!(is_cut(&error), "{error}"),
        Ok(()) => panic!("12 MiB were read past a drain limit of 256 KiB"),
    }
}

/// The time bound: a client that keeps the connection open, sending a little now and then,
/// is cut off once the drain time has passed, though it never reached the byte bound.
#[test]
fn a_client_draining_past_the_drain_time_is_cut_off() {
    let config = Config::default()
        .with_body_limit(1024)
        .with_drain(1024 * 1024 * 1024, Duration::from_millis(300));
    let addr = start_server(config);
    let mut stream = post_head(&addr, 1024 * 1024 * 1024);
    stream.write_all(&[b'x'; 4096]).unwrap();
    // The answer comes first, then the end of the server's side.
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 413");
    // 3,000 writes of 1 KiB, 20 ms apart, stay far under the byte bound: only the time bound
    // can end the drain.
    let chunk = [b'x'; 1024];
    let cut = (0..3000).find_map(|_| {
        std::thread::sleep(Duration::from_millis(20));
        stream.write_all(&chunk).err()
    });
    match cut {
        Some(error) => assert!(is_cut(&error), "{error}"),
        None => panic!("the connection was still drained after 3,000 writes"),
    }
}
