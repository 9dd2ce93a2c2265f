//! Lingering close (feature `http`): a listener whose connections, when the server closes them
//! before the client has sent all of its request, read and discard what is still coming for a
//! while before closing, as nginx's `lingering_close` does.
//!
//! A body over the limit is answered 413 without being read. Closing the socket then, with the
//! rest of the body arriving, makes the kernel reset the connection, and a client still
//! sending (most clients send the whole request before they read) gets a broken pipe or a
//! reset instead of the answer. So a closed connection first shuts down its sending half (the
//! answer is followed by a FIN), then reads and drops what arrives until the client closes,
//! at most [`Config::drain_limit`] bytes and for at most [`Config::drain_time`]; past either
//! bound it is closed as before. The drain runs on a task of its own, after the connection is
//! done: a graceful shutdown does not wait for it.
//!
//! [`Server::serve`](crate::serve::Server::serve) uses it; with `axum::serve` of one's own,
//! wrap the listener:
//!
//! ```no_run
//! use backend_events::http::Config;
//! use backend_events::linger::LingeringListener;
//!
//! # async fn run(app: axum::Router) -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(LingeringListener::new(listener, &Config::default()), app).await
//! # }
//! ```

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::http::Config;

/// How much of a closed connection's remaining input is read and dropped, and for how long.
#[derive(Debug, Clone, Copy)]
struct Drain {
    bytes: usize,
    time: Duration,
}

/// A TCP listener for `axum::serve` whose connections close with a lingering drain (see the
/// [module](self)).
#[derive(Debug)]
pub struct LingeringListener {
    listener: TcpListener,
    drain: Drain,
}

impl LingeringListener {
    /// `listener`, its connections draining within the bounds of `config`
    /// ([`Config::drain_limit`], [`Config::drain_time`]).
    pub fn new(listener: TcpListener, config: &Config) -> Self {
        LingeringListener {
            listener,
            drain: Drain {
                bytes: config.drain_limit,
                time: config.drain_time,
            },
        }
    }
}

impl axum::serve::Listener for LingeringListener {
    type Io = LingeringStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // axum's own accept loop: it logs and retries the errors accepting can give.
        let (stream, addr) = axum::serve::Listener::accept(&mut self.listener).await;
        let stream = LingeringStream {
            stream: Some(stream),
            drain: self.drain,
            at_end: false,
        };
        (stream, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.listener.local_addr()
    }
}

/// A connection of a [`LingeringListener`]: a [`TcpStream`] that drains when dropped, unless
/// the client had already closed its side.
#[derive(Debug)]
pub struct LingeringStream {
    /// Always there until the drop hands it to the drain.
    stream: Option<TcpStream>,
    drain: Drain,
    /// Whether a read saw the client's end of input: then nothing can arrive to drain.
    at_end: bool,
}

impl LingeringStream {
    fn stream(&mut self) -> io::Result<&mut TcpStream> {
        self.stream
            .as_mut()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotConnected))
    }
}

impl AsyncRead for LingeringStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let room = buf.remaining() > 0;
        let stream = match this.stream() {
            Ok(stream) => stream,
            Err(error) => return Poll::Ready(Err(error)),
        };
        let polled = Pin::new(stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && room && buf.filled().len() == before {
            this.at_end = true;
        }
        polled
    }
}

impl AsyncWrite for LingeringStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut().stream() {
            Ok(stream) => Pin::new(stream).poll_write(cx, buf),
            Err(error) => Poll::Ready(Err(error)),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut().stream() {
            Ok(stream) => Pin::new(stream).poll_write_vectored(cx, bufs),
            Err(error) => Poll::Ready(Err(error)),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream
            .as_ref()
            .is_some_and(AsyncWrite::is_write_vectored)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut().stream() {
            Ok(stream) => Pin::new(stream).poll_flush(cx),
            Err(error) => Poll::Ready(Err(error)),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut().stream() {
            Ok(stream) => Pin::new(stream).poll_shutdown(cx),
            Err(error) => Poll::Ready(Err(error)),
        }
    }
}

impl Drop for LingeringStream {
    fn drop(&mut self) {
        let Some(stream) = self.stream.take() else {
            return;
        };
        if self.at_end {
            return;
        }
        // Outside a runtime there is nothing to drain on: the socket just closes.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(drain(stream, self.drain));
        }
    }
}

/// Sends a FIN after what was written, then reads and drops input until the client closes,
/// `drain.bytes` have been read, or `drain.time` has passed; the socket closes when it returns.
async fn drain(mut stream: TcpStream, drain: Drain) {
    // Already shut down when the server closed the connection itself: that error is harmless.
    let _ = stream.shutdown().await;
    let deadline = tokio::time::Instant::now() + drain.time;
    let mut scratch = [0u8; 16 * 1024];
    let mut left = drain.bytes;
    while left > 0 {
        let want = left.min(scratch.len());
        match tokio::time::timeout_at(deadline, stream.read(&mut scratch[..want])).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return,
            Ok(Ok(read)) => left -= read,
        }
    }
}
