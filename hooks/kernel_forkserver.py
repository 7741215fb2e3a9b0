"""Jupyter kernels forked from one warm process (used by hooks/notebooks.py for a clean build).

Every notebook runs in a kernel of its own, as before; but a new kernel normally spends most of
its first second or two importing IPython, ipykernel, NumPy, pandas, SciPy and Matplotlib.  Here
one *server* process imports those once, and each kernel is a ``fork()`` of it: a fresh process
with a fresh interpreter state for the notebook (no variable, module state or figure is shared
between notebooks; mmlib itself is never imported by the server, so the hook still sees which
mmlib files each notebook imported).

Three parts:

* ``serve SOCKET``: the server.  It imports :data:`PRELOAD`, listens on a Unix socket and, for
  each request (connection file, working directory, environment), forks a child that starts
  ``ipykernel`` on that connection file exactly as ``python -m ipykernel_launcher -f FILE`` would.
* ``attach SOCKET -f FILE``: the kernel command the kernel manager starts.  It asks the server for
  a kernel, forwards interrupt/terminate signals to it and exits when the kernel exits, so the
  kernel manager sees an ordinary kernel process.
* :class:`ForkServer` (context manager) and :func:`kernel_manager_class`, for the hook.

Not a hook itself: hooks/notebooks.py imports it (MkDocs puts hooks/ on the path while it loads hooks).
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Imported once by the server (after :data:`PRELOAD_KERNEL`).  Only modules that do not hook into a running shell:
#: ``matplotlib.pyplot`` and the inline backend hook into IPython when they are imported, so each
#: kernel imports them itself (cheap once ``matplotlib.figure`` is loaded).
PRELOAD_KERNEL = ("IPython", "ipykernel.kernelapp", "ipykernel.ipkernel")
PRELOAD = (
    "numpy", "pandas", "scipy.integrate", "scipy.optimize", "scipy.special", "scipy.signal",
    "matplotlib", "matplotlib.figure", "matplotlib.patches", "matplotlib.colors", "matplotlib.ticker",
    "matplotlib.path", "matplotlib.backends.backend_agg",
)
READY_TIMEOUT_S = 120


class _JupyterKernelShell:
    """What ``get_ipython()`` looks like inside a Jupyter kernel, to modules that ask while being imported."""

    kernel = True


def _preload() -> None:
    """Import :data:`PRELOAD` as a kernel would: some modules set defaults by where they run when imported.

    pandas, for one, decides at import whether it prints to a terminal (wide frames elided to the
    terminal's width) or to a Jupyter kernel (up to 20 columns); in the kernels it must be the latter.
    """
    import builtins

    def load(names: tuple[str, ...]) -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # a kernel that needs it imports it (and fails) itself

    load(PRELOAD_KERNEL)               # a kernel imports these before its shell exists
    builtins.get_ipython = lambda: _JupyterKernelShell
    try:
        load(PRELOAD)                  # and these from a notebook, inside the shell
    finally:
        del builtins.get_ipython


def _reap(_signum, _frame) -> None:
    """Collect exited kernels (so that their CPU time counts as this process's children's)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _serve(sock_path: str) -> None:
    _preload()
    signal.signal(signal.SIGCHLD, _reap)
    children: list[int] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sock_path)
    server.listen(8)
    try:
        while True:
            conn, _ = server.accept()
            with conn:
                request = json.loads(conn.makefile("r", encoding="utf-8").readline())
                if request.get("stop"):
                    break
                pid = os.fork()
                if pid == 0:  # the kernel
                    server.close()
                    conn.close()
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    _kernel(request)
                children.append(pid)
                conn.sendall(f"{pid}\n".encode())
    finally:
        server.close()
        for pid in children:          # a kernel whose manager went away without shutting it down
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _kernel(request: dict) -> None:
    """In the forked child: become ``python -m ipykernel_launcher -f FILE`` and never return."""
    code = 1
    try:
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = [sys.executable, "-m", "ipykernel_launcher", "-f", request["connection_file"]]
        # the app read its parent's pid from the environment when the server imported it (none then)
        sys.argv += [f"--IPKernelApp.parent_handle={int(os.environ.get('JPY_PARENT_PID') or 0)}"]
        sys.argv += request.get("args", [])   # e.g. nbclient's --HistoryManager.hist_file=:memory:
        if "numpy" in sys.modules:   # a fresh seed for NumPy's global generator, as a new process would have
            sys.modules["numpy"].random.seed()
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=sys.argv[3:])
        code = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _attach(sock_path: str, connection_file: str, args: list[str]) -> int:
    """Ask the server for a kernel (with the kernel manager's extra arguments); stand in for it until it exits."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(sock_path)
        s.sendall((json.dumps({"connection_file": connection_file, "cwd": os.getcwd(),
                               "env": dict(os.environ), "args": args}) + "\n").encode())
        pid = int(s.makefile("r").readline())

    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass
        if signum == signal.SIGTERM:
            sys.exit(0)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        time.sleep(0.05)


class ForkServer:
    """The server process, for the duration of a ``with`` block."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="mm-forkserver-")
        self.socket = str(Path(self._dir.name) / "s")
        self._env = env
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> ForkServer:
        self._proc = subprocess.Popen([sys.executable, __file__, "serve", self.socket],
                                      env=self._env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not os.path.exists(self.socket):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self._stop()
                raise RuntimeError("kernel fork server did not start")
            time.sleep(0.02)
        return self

    def command(self) -> list[str]:
        """The kernel command (the connection file is appended by the kernel manager)."""
        return [sys.executable, __file__, "attach", self.socket]

    def _stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.connect(self.socket)
                    s.sendall(b'{"stop": true}\n')
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
        self._dir.cleanup()

    def __exit__(self, *exc) -> None:
        self._stop()


def kernel_manager_class(server: ForkServer):
    """An ``AsyncKernelManager`` whose kernels come from ``server`` (for nbclient's ``kernel_manager_class``)."""
    from jupyter_client.manager import AsyncKernelManager

    command = server.command()

    class ForkedKernelManager(AsyncKernelManager):
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            return [*command, "-f", self.connection_file, *(extra_arguments or [])]

    return ForkedKernelManager


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        _serve(sys.argv[2])
    elif sys.argv[1:2] == ["attach"] and sys.argv[3:4] == ["-f"]:
        sys.exit(_attach(sys.argv[2], sys.argv[4], sys.argv[5:]))
    else:
        sys.exit("usage: kernel_forkserver.py serve SOCKET | attach SOCKET -f CONNECTION_FILE [KERNEL_ARGS...]")
