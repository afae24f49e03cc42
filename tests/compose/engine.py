"""A Docker engine of the compose test's own: its own data root, socket and execution root, so
that it neither needs nor touches another engine of this machine. Stopping it puts back what
dockerd changes on the machine: its bridges, its iptables rules and IP forwarding."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

# Short: a Unix socket's path is limited to 107 bytes.
RUN_DIR = Path("/run/portal-compose-test")


def _lines(*command):
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.stdout.splitlines() if result.returncode == 0 else []


def _links():
    return {line.split(":")[1].strip().split("@")[0] for line in _lines("ip", "-o", "link")}


def _rules(save_command):
    """Chains and rules of every table, without counters or comments."""
    return sorted(
        line.split(" [")[0]
        for line in _lines(save_command)
        if line.startswith(("-A", ":")) and not _is_empty_builtin_chain(line)
    )


def _is_empty_builtin_chain(line):
    # An empty table (left by iptables-nft once a table was used) lists its built-in chains
    # with the default policy: the same as no table at all.
    # (user-defined chains have no policy: "-").
    return line[1:].split()[1] == "ACCEPT"


def network_state():
    return {
        "ip_forward": Path("/proc/sys/net/ipv4/ip_forward").read_text().strip(),
        "links": sorted(_links()),
        "iptables": _rules("iptables-save"),
        "ip6tables": _rules("ip6tables-save"),
    }


class Engine:
    def __init__(self, data_root):
        self.data_root = Path(data_root)
        self.socket = RUN_DIR / "docker.sock"
        self.host = f"unix://{self.socket}"
        self.log = self.data_root.parent / "dockerd.log"
        self.process = None
        self.before = None

    def env(self, **extra):
        return {**os.environ, "DOCKER_HOST": self.host, **extra}

    def start(self, timeout=60):
        self._stop_left_over()
        self.before = network_state()
        self._saved = {
            command: subprocess.run([command], capture_output=True, check=False).stdout
            for command in ("iptables-save", "ip6tables-save")
        }
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        self.data_root.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                "dockerd",
                "--data-root", self.data_root,
                "--exec-root", RUN_DIR / "exec",
                "--pidfile", RUN_DIR / "dockerd.pid",
                "--host", self.host,
                # The published ports are on loopback; no other engine's bridge is touched.
                "--ip", "127.0.0.1",
            ],
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dockerd stopped: {self.log.read_text()[-3000:]}")
            ready = subprocess.run(
                ["docker", "version", "--format", "{{.Server.Version}}"],
                env=self.env(),
                capture_output=True,
                check=False,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.5)
        raise RuntimeError(f"dockerd did not answer in {timeout}s: {self.log.read_text()[-3000:]}")

    @staticmethod
    def _stop_left_over():
        """An engine of an earlier run that was killed before it could stop its own."""
        pidfile = RUN_DIR / "dockerd.pid"
        try:
            pid = int(pidfile.read_text())
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            return
        for _ in range(120):
            if not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.5)
        os.kill(pid, signal.SIGKILL)

    def stop(self):
        """Stop the engine and put the machine's network settings back; return what differs
        from before (nothing, unless something could not be put back)."""
        if self.process is None:
            return {}
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        for link in _links() - set(self.before["links"]):
            subprocess.run(["ip", "link", "delete", link], capture_output=True, check=False)
        for command, saved in self._saved.items():
            self._restore_rules(command, saved)
        Path("/proc/sys/net/ipv4/ip_forward").write_text(self.before["ip_forward"])
        shutil.rmtree(RUN_DIR / "exec", ignore_errors=True)
        after = network_state()
        return {
            key: (self.before[key], after[key]) for key in after if after[key] != self.before[key]
        }

    @staticmethod
    def _restore_rules(save_command, saved):
        family = save_command.removesuffix("-save")
        for line in _lines(save_command):
            if line.startswith("*"):
                table = line[1:]
                subprocess.run([family, "-t", table, "-F"], check=False)
                subprocess.run([family, "-t", table, "-X"], check=False)
            elif line.startswith(":") and line.split()[1] != "-":  # a built-in chain
                chain = line.split()[0][1:]
                subprocess.run([family, "-t", table, "-P", chain, "ACCEPT"], check=False)
        if saved.strip():
            subprocess.run([f"{family}-restore"], input=saved, check=True)
