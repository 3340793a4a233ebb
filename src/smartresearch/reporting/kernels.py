"""How the build starts its Jupyter kernels: private transport, inline figures, quiet logs.

nbclient starts each kernel through jupyter_client. By default the kernel listens on
TCP ports of localhost with no encryption, and ipykernel (7.x) says so with a warning
line on the build's stderr for every notebook. That warning is right, so it is answered
rather than muted: the kernels use the ``ipc`` transport (Unix domain sockets in a
private temporary folder, readable by this user only), which is jupyter_client's
documented ``KernelManager.transport`` option. Where IPC is unavailable (Windows) the
kernels stay on TCP and jupyter_client provisions CurveZMQ keys for them
(``KernelManager.transport_encryption = "auto"``, jupyter_client >= 8.9) when libzmq
supports it. The kernel process's own stderr goes to a file in the same private folder;
:func:`smartresearch.reporting.notebook_runner.run_notebook` shows what it logged while
the cells ran (and all of it when the kernel died), so a kernel that crashes or logs an
error still shows it.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from traitlets.config import Config

from smartresearch.config import DATA_ENV, MIRROR_ENV

#: Longest Unix socket path to risk: sun_path holds 108 bytes on Linux, 104 on macOS, and
#: a socket is named ``<folder>/kernel-ipc-<n>``.
IPC_PATH_LIMIT = 100
#: Name stem, inside the private folder, of the connection file and of the IPC sockets.
CONNECTION_STEM = "kernel"
#: Matplotlib backend the kernels use, whatever the calling shell exported (CI exports
#: ``MPLBACKEND=Agg`` for scripts; inside a kernel that would hide every figure).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def ipc_supported(folder: Path) -> bool:
    """Whether kernels can talk over Unix sockets placed in ``folder``."""
    import zmq

    if sys.platform == "win32" or not zmq.has("ipc"):
        return False
    longest = folder / f"{CONNECTION_STEM}-ipc-99"
    return len(os.fsencode(longest)) <= IPC_PATH_LIMIT


def kernel_config(folder: Path, *, ipc: bool | None = None) -> Config:
    """jupyter_client configuration for one kernel whose connection files go in ``folder``.

    ``ipc=None`` decides from the platform (:func:`ipc_supported`); the tests force
    ``False`` to check the TCP fallback.
    """
    import zmq

    config = Config()
    manager = config.KernelManager
    manager.connection_file = str(folder / f"{CONNECTION_STEM}.json")
    use_ipc = ipc_supported(folder) if ipc is None else ipc
    if use_ipc:
        manager.transport = "ipc"
        # The socket files are <ip>-<n>; jupyter_client's default ip for IPC is a
        # relative path, i.e. sockets in the working directory (notebooks/).
        manager.ip = str(folder / f"{CONNECTION_STEM}-ipc")
    elif zmq.has("curve"):
        manager.transport_encryption = "auto"
    return config


@contextmanager
def connection_folder() -> Iterator[Path]:
    """A private folder (mode 0700) for one kernel's connection file and sockets.

    It records this process's id, so that a later build can tell the folder of a killed
    build (whose ``with`` never finished) from one in use (see :mod:`.guard`).
    """
    with tempfile.TemporaryDirectory(prefix="sr-kernel-") as folder:
        (Path(folder) / "owner.pid").write_text(str(os.getpid()), encoding="utf-8")
        yield Path(folder)


def kill_kernel_process(manager: object) -> bool:
    """Kill the kernel process ``manager`` launched, if it still runs; whether it did.

    nbclient shuts a kernel down only once it has started: a Ctrl-C while the kernel
    process is starting (launched, not yet answering) cancels the start and leaves the
    process running. The build then removes the kernel's folder, and the kernel, finding
    no connection file, writes a new one, recreating ``sr-kernel-*/kernel.json`` (with
    its key) in the temporary folder until it notices, a second later, that the build is
    gone, and with no ``owner.pid`` for :mod:`.guard` to judge it by. So the process
    (with its process group: jupyter_client starts each kernel in a session of its own)
    is killed and reaped here, before its folder is removed.
    """
    provisioner = getattr(manager, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is None or process.poll() is not None:
        return False
    try:
        if hasattr(os, "killpg") and os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()
    return True


def kernel_env() -> dict[str, str]:
    """The environment kernels start with: this process's, with figures drawn inline.

    Kernels run in ``notebooks/``, not in the folder the build was started from, so a
    relative ``SMARTRESEARCH_MIRROR=../shared`` (as the README writes it) or
    ``SMARTRESEARCH_DATA`` is made absolute here, against the build's own directory.
    """
    env = dict(os.environ, MPLBACKEND=INLINE_BACKEND)
    for name in (MIRROR_ENV, DATA_ENV):
        value = env.get(name, "").strip()
        if value:
            env[name] = os.path.abspath(os.path.expanduser(value))
    return env
