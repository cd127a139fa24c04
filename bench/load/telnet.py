"""A small asyncio telnet client that times commands the way a player sees them.

It refuses every telnet option the server offers (so no compression, no MSDP: plain text) and
strips colour codes. The end of a command's reply is found with a marker: each command is sent
together with an unknown command of its own (`zzq<player>x<n>`), and the server answers that,
in order, with "Command '<marker>' is not available. ...". Evennia runs one session's lines one
after the other, so once the marker's line arrives, everything the command printed has arrived.
A unique marker per command means a late reply can never be taken for a later command's, and
lines other players cause (poses, says in the room) do not end a reply early.

The marker costs the server an unknown-command lookup; the driver times the marker alone as
"(marker)" so that floor can be read off every other command's latency.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Collection
from dataclasses import dataclass

IAC, SB, SE = 255, 250, 240
WILL, WONT, DO, DONT = 251, 252, 253, 254
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
NOT_AVAILABLE = "' is not available."

# What a player must never see. Each is counted as an error of the command whose reply held it.
ERROR_SIGNS = {
    "traceback": re.compile(r"Traceback \(most recent call last\)"),
    "untrapped error": re.compile(r"untrapped error", re.IGNORECASE),
    "database unreachable": re.compile(r"cannot reach its database", re.IGNORECASE),
    "command failed unexpectedly": re.compile(r"failed unexpectedly", re.IGNORECASE),
    "rate limited": re.compile(r"entered commands too fast", re.IGNORECASE),
    # A game command the server did not know: the player is not where the driver thinks.
    "unknown command": re.compile(r"Command '(?!zzq)[^']*' is not available"),
}


class TelnetClosed(Exception):
    pass


class TelnetDecoder:
    """Splits received bytes into text and answers refusing every option the server offers.

    The end-to-end telnet test uses it too, so both clients see the same plain text.
    """

    def __init__(self, *, accept: Collection[int] = ()) -> None:
        self._pending = b""  # bytes of an unfinished telnet command
        # Options the server may turn on (WILL gets DO): GMCP (201) for a client that reads it.
        self.accept = frozenset(accept)
        # What each subnegotiation carried (IAC SB <option> ... IAC SE), the option byte first.
        self.subnegotiations: list[bytes] = []

    def feed(self, data: bytes) -> tuple[str, bytes]:
        """The text in `data` and the bytes to send back: DO gets WONT, WILL gets DONT (or DO
        for an accepted option)."""
        data, self._pending = self._pending + data, b""
        text = bytearray()
        answers = bytearray()
        index = 0
        while index < len(data):
            byte = data[index]
            if byte != IAC:
                text.append(byte)
                index += 1
                continue
            if index + 1 >= len(data):
                self._pending = data[index:]
                break
            command = data[index + 1]
            if command == IAC:  # an escaped 255 data byte
                text.append(IAC)
                index += 2
            elif command in (WILL, WONT, DO, DONT):
                if index + 2 >= len(data):
                    self._pending = data[index:]
                    break
                option = data[index + 2]
                if command == DO:
                    answers += bytes([IAC, WONT, option])
                elif command == WILL:
                    answers += bytes([IAC, DO if option in self.accept else DONT, option])
                index += 3
            elif command == SB:
                end = data.find(bytes([IAC, SE]), index)
                if end < 0:
                    self._pending = data[index:]
                    break
                self.subnegotiations.append(data[index + 2 : end])
                index = end + 2
            else:
                index += 2
        return text.decode("utf-8", errors="replace").replace("\r\n", "\n"), bytes(answers)


def plain_text(text: str) -> str:
    """`text` without colour codes and carriage returns.

    Callers pass all the unconsumed text, not just the new part: an escape can be split between
    reads.
    """
    return ANSI_ESCAPE.sub("", text).replace("\r", "")


@dataclass
class Reply:
    text: str
    seconds: float
    errors: list[str]


class TelnetPlayer:
    """One connection. `command()` sends a line and returns its reply and latency."""

    def __init__(self, name: str, *, timeout: float):
        self.name = name
        self.timeout = timeout
        self.text = ""  # decoded, plain text received and not yet consumed
        self._telnet = TelnetDecoder()
        self._arrived = asyncio.Event()
        self._closed = False
        self._sequence = 0
        self._reader_task: asyncio.Task | None = None

    async def open(self, host: str, port: int) -> None:
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(host, port), self.timeout
        )
        self._reader_task = asyncio.create_task(self._read_forever())

    async def close(self) -> None:
        if self._reader_task is not None:
            self._reader_task.cancel()
        if hasattr(self, "_writer"):
            self._writer.close()
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(self._writer.wait_closed(), 5)

    async def wait_for(self, expected: str, *, timeout: float | None = None) -> str:
        """Everything received up to and including `expected` (consumed)."""
        timeout = timeout or self.timeout
        deadline = time.monotonic() + timeout
        while expected not in self.text:
            if self._closed:
                raise TelnetClosed(f"{self.name}: closed before {expected!r}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.name}: no {expected!r} in {timeout}s")
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), left)
            except TimeoutError:
                continue
        cut = self.text.index(expected) + len(expected)
        received, self.text = self.text[:cut], self.text[cut:]
        return received

    async def send(self, line: str) -> None:
        self._writer.write(line.encode() + b"\r\n")
        await self._writer.drain()

    async def command(self, line: str | None, *, timeout: float | None = None) -> Reply:
        """Send `line` (or nothing, to time the marker alone) and wait for its whole reply."""
        self._sequence += 1
        marker = f"zzq{self.name}x{self._sequence}"
        payload = (f"{line}\r\n" if line is not None else "") + f"{marker}\r\n"
        started = time.perf_counter()
        self._writer.write(payload.encode())
        await self._writer.drain()
        received = await self.wait_for(f"'{marker}{NOT_AVAILABLE}", timeout=timeout)
        seconds = time.perf_counter() - started
        # The marker's own line starts after the last newline before it.
        reply = received[: received.rfind("\n", 0, received.rfind(marker)) + 1]
        errors = [kind for kind, sign in ERROR_SIGNS.items() if sign.search(reply)]
        return Reply(text=reply, seconds=seconds, errors=errors)

    async def _read_forever(self) -> None:
        try:
            while True:
                chunk = await self._reader.read(65536)
                if not chunk:
                    break
                self._feed(chunk)
                self._arrived.set()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._closed = True
            self._arrived.set()

    def _feed(self, data: bytes) -> None:
        """Turn received bytes into text, answering option negotiation with "no"."""
        text, answers = self._telnet.feed(data)
        if answers:
            self._writer.write(answers)
        self.text = plain_text(self.text + text)
