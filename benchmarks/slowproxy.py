"""A loopback TCP proxy that makes a database server look far away.

It listens on 127.0.0.1 only (a free port) and forwards each connection to the target,
delaying every chunk it reads by ``delay`` seconds in each direction. Chunks keep their order
(one queue per direction) and are delayed independently, so it adds latency without cutting
bandwidth, like a long network path. It runs an asyncio loop in a daemon thread.

``client_chunks`` counts the chunks read from clients (client -> server): with a
request/response protocol that is close to the number of round trips the client waited for.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from types import TracebackType


class SlowProxy:
    def __init__(self, target_host: str, target_port: int, delay: float) -> None:
        if target_host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the proxy forwards to this machine only")
        self.target = (target_host, target_port)
        self.delay = delay
        self.client_chunks = 0
        self.server_chunks = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    def __enter__(self) -> SlowProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        self.port = future.result(timeout=10)
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> int:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        """Stop listening; let open connections end (the clients should have closed them),
        then abort what is left. Nothing is cancelled: the streams end on their own."""
        assert self._server is not None
        self._server.close()
        for abort in (False, True):
            if abort:
                for writer in self._writers:
                    writer.transport.abort()
            for _ in range(200):
                if not self._writers:
                    return
                await asyncio.sleep(0.01)

    async def _connection(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        both = {client_writer, server_writer}
        self._writers |= both
        try:
            await asyncio.gather(
                self._pipe(client_reader, server_writer, upstream=True),
                self._pipe(server_reader, client_writer, upstream=False),
                return_exceptions=True,
            )
        finally:
            self._writers -= both

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, upstream: bool
    ) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:  # the end of the stream, delayed like the rest
                    break
                writer.write(data)
                await writer.drain()
            writer.close()

        delivering = asyncio.create_task(deliver())
        try:
            while data := await reader.read(65536):
                if upstream:
                    self.client_chunks += 1
                else:
                    self.server_chunks += 1
                queue.put_nowait((loop.time() + self.delay, data))
        except (ConnectionError, OSError):
            pass
        finally:
            queue.put_nowait((loop.time() + self.delay, b""))
            with contextlib.suppress(ConnectionError, OSError):
                await delivering
