//! An asynchronous context manager of the lecture: a connection opened on
//! the way in and closed on the way out, both awaited.
//!
//! ```python
//! class Connection:
//!     def __init__(self, host, port):
//!         self.host = host
//!         self.port = port
//!
//!     async def __aenter__(self):
//!         self.conn = await get_conn(self.host, self.port)
//!         return conn
//!
//!     async def __aexit__(self, exc_type, exc, tb):
//!         await self.conn.close()
//!
//! async with Connection('localhost', 9001) as conn:
//!     <do stuff with conn>
//! ```
//!
//! The seed shows the class only: `get_conn`, `conn.close()` and the body
//! are not written out, and `return conn` is a `NameError` (it means
//! `return self.conn`). The tour runs this completed program:
//!
//! ```python
//! class Conn:
//!     def __init__(self, host, port):
//!         self.host, self.port = host, port
//!
//!     async def close(self):
//!         print(f"closing {self.host}:{self.port}")
//!         await asyncio.sleep(0.5)
//!
//! async def get_conn(host, port):
//!     print(f"connecting to {host}:{port}")
//!     await asyncio.sleep(1)
//!     return Conn(host, port)
//!
//! # class Connection as above, with `return self.conn`
//!
//! async def main():
//!     async with Connection('localhost', 9001) as conn:
//!         print(f"doing stuff with {conn.host}:{conn.port}")
//!
//! asyncio.run(main())
//! ```
//!
//! Python prints:
//!
//! ```text
//! connecting to localhost:9001
//! doing stuff with localhost:9001
//! closing localhost:9001
//! ```
//!
//! `Connection` implements [`AsyncContextManager`]; `self.conn` is an
//! `Option`, empty until `__aenter__` runs. The run takes 1.5 s (the
//! tour's `#` line).

use resumable::generator::Chain;
use resumable::scheduler::{async_with, ready, sleep, AsyncContextManager, Leaving, Ready};
use resumable::scheduler::{Runtime, Sleep};
use resumable::Generator;

use crate::asyncio::{millis, say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// A connection once open: `Conn(host, port)`.
#[derive(Clone, Copy, Debug)]
struct Conn {
    host: &'static str,
    port: u16,
}

impl Conn {
    /// `conn.close()`.
    fn close(self) -> Sleep {
        say!("closing {}:{}", self.host, self.port);
        sleep(millis(500))
    }
}

/// `get_conn(host, port)`.
fn get_conn(host: &'static str, port: u16) -> Chain<Sleep, Ready<Conn>> {
    say!("connecting to {host}:{port}");
    sleep(SECOND).chain(ready(Conn { host, port }))
}

/// `Connection(host, port)`.
struct Connection {
    host: &'static str,
    port: u16,
    conn: Option<Conn>,
}

impl AsyncContextManager for Connection {
    type Value = Conn;
    type Enter = Chain<Sleep, Ready<Conn>>;
    type Exit = Sleep;

    fn aenter(&mut self) -> Self::Enter {
        let getting = get_conn(self.host, self.port);
        self.conn = Some(Conn {
            host: self.host,
            port: self.port,
        });
        getting
    }

    fn aexit(&mut self, _: &Leaving) -> Sleep {
        self.conn.expect("entered").close()
    }
}

/// `main()`.
fn main() -> impl Coroutine {
    let connection = Connection {
        host: "localhost",
        port: 9001,
        conn: None,
    };
    async_with(connection, |conn| {
        say!("doing stuff with {}:{}", conn.host, conn.port);
        ready(())
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main()));
    say_clock(&rt);
}
