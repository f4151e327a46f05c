"""The scale-out deployment on one machine, without containers, on spare loopback ports.

The same services as deploy/compose.yaml (``SERVICES``), the same settings for the app processes
(``app_environment``) and the same nginx template (deploy/nginx/eventdb.conf.template):

* ``primary``: a throwaway PostgreSQL cluster (``initdb``; ``pg_hba.conf`` allows replication from
  127.0.0.1), ``wal_level=replica``;
* ``replica``: a streaming replica of it (``pg_basebackup -R``, then a second ``pg_ctl start``);
* ``redis``: a throwaway redis-server, the shared cache;
* ``migrate``: ``manage.py migrate`` and ``load_seeds`` on the primary (a step here, a one-shot
  container there);
* ``app1``, ``app2``: gunicorn processes with DATABASE_URL on the primary, DATABASE_REPLICA_URLS on
  the replica and CACHE_URL on redis;
* ``proxy``: nginx, caching public API answers in front of both app processes.

Run by hand with ``bin/scale-local`` (prints the addresses, stops everything on Ctrl-C); the tests
(tests/scaleout/) and the benchmark (bench/scaleout.py) use ``Topology`` as a context manager. Run as
root, the PostgreSQL commands run as the ``postgres`` user (initdb refuses root) and nginx's workers as
``nobody``. Everything lives in one temporary directory that ``stop()`` removes. A service that cannot
start raises ``TopologyError`` naming it and the end of its log: nothing is skipped.
"""

import argparse
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "eventdb.conf.template"
SERVICES = ("primary", "replica", "redis", "migrate", "app1", "app2", "proxy")
APP_SERVICES = ("app1", "app2")
SECRET_KEY = "scale-local-only-secret-key-not-for-production-" + "x7Qp2Lm9" * 3


class TopologyError(RuntimeError):
    pass


def free_port() -> int:
    """A port nothing listens on, from below the kernel's ephemeral range: a port the kernel hands out
    (bind to 0) can be taken by an outgoing connection before the service binds it (seen in CI: nginx
    "Address already in use")."""
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    for _ in range(500):
        port = random.randrange(max(1024, low - 12000), low)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise TopologyError(f"no free port below {low}")


def pg_bindir() -> Path:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if candidates:
        return candidates[-1]
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise TopologyError("PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) not found; "
                        "install postgresql or set PG_BINDIR")


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise TopologyError("nginx not found: bin/scale-local and bin/test install Debian's nginx package")
    return found


def fill_template(text: str, values: dict[str, str]) -> str:
    """${NAME} -> values[NAME] for the given names only, like the nginx image's envsubst step: nginx's own
    $variables and any other ${...} stay as they are."""
    return re.sub(r"\$\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


class Topology:
    def __init__(self, *, workdir=None, base_port=0, seeds=True, app_workers=1, app_env=None,
                 python=None, database="eventdb", keep=False, synthetic=0):
        """``base_port`` 0 picks free ports; otherwise primary, replica, redis, app1, app2, proxy take
        base_port, base_port+1, ... ``app_env`` adds or overrides settings of both app processes."""
        self.root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="eventdb-scale-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)  # postgres and nginx's workers run as other users and must reach their dirs
        names = ["primary", "replica", "redis", "app1", "app2", "proxy"]
        self.ports = {n: (base_port + i if base_port else free_port()) for i, n in enumerate(names)}
        self.seeds = seeds
        self.synthetic = synthetic  # the benchmark's synthetic reactions (manage.py generate_synthetic)
        self.app_workers = app_workers
        self.app_env = dict(app_env or {})
        self.python = python or sys.executable
        self.database = database
        self.keep = keep
        self.as_root = os.geteuid() == 0
        self.bindir = pg_bindir()
        self.pgdir = self.root / "pg"
        self.logs = self.root / "log"
        self.procs: dict[str, subprocess.Popen] = {}
        self.started: list[str] = []

    # -- addresses --------------------------------------------------------------------------------

    def database_url(self, service="primary") -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[service]}/{self.database}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    def url(self, service="proxy") -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def app_environment(self) -> dict[str, str]:
        """The app processes' settings (the same names as deploy/compose.yaml's app services)."""
        return {
            "DATABASE_URL": self.database_url("primary"),
            "DATABASE_REPLICA_URLS": self.database_url("replica"),
            "CACHE_URL": self.redis_url,
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback; behind a real TLS proxy keep the secure defaults.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_STATIC_MANIFEST": "0",
            "API_NUM_PROXIES": "1",
            "LOAD_SEEDS": "0",
            **self.app_env,
        }

    # -- helpers ----------------------------------------------------------------------------------

    def _pg(self, program, *args, check=True, **kwargs):
        """Run a PostgreSQL program, as the postgres user when we are root."""
        result = subprocess.run([str(self.bindir / program), *args], cwd=self.pgdir, capture_output=True,
                                user="postgres" if self.as_root else None, text=True, **kwargs)
        if check and result.returncode != 0:
            raise TopologyError(f"{program} {' '.join(args)} failed: {result.stdout}{result.stderr}")
        return result

    def _wait(self, service, probe, log, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            proc = self.procs.get(service)
            if proc is not None and proc.poll() is not None:
                raise TopologyError(f"{service} exited with {proc.returncode}:\n{tail(log)}")
            try:
                if probe():
                    return
            except Exception:  # noqa: BLE001 - any failure means "not yet"
                pass
            time.sleep(0.2)
        raise TopologyError(f"{service} did not come up within {timeout} s:\n{tail(log)}")

    def _pg_ready(self, service):
        with psycopg.connect(self.database_url(service).rsplit("/", 1)[0] + "/postgres", connect_timeout=2):
            return True

    def _http_ok(self, service, path="/healthz"):
        with urllib.request.urlopen(self.url(service) + path, timeout=2) as response:
            return response.status == 200

    # -- services ---------------------------------------------------------------------------------

    def start(self):
        try:
            self.logs.mkdir(exist_ok=True)
            self.start_primary()
            self.start_replica(initial=True)
            self.start_redis()
            self.migrate()
            for service in APP_SERVICES:
                self.start_app(service)
            self.start_proxy()
        except BaseException:
            self.stop()
            raise
        return self

    def start_primary(self):
        self.pgdir.mkdir(exist_ok=True)
        if self.as_root:
            shutil.chown(self.pgdir, "postgres", "postgres")
        data = self.pgdir / "primary"
        self._pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8")
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.ports['primary']}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.pgdir}'\nwal_level = replica\n"
                       "max_wal_senders = 5\nhot_standby = on\n"
                       # Throwaway data: no need to survive a power cut, so no waiting for the disk.
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        with open(data / "pg_hba.conf", "w") as hba:
            hba.write("local all all trust\nhost all all 127.0.0.1/32 trust\n"
                      "host replication all 127.0.0.1/32 trust\n")
        self._pg_ctl_start("primary", data)
        with psycopg.connect(self.database_url("primary").rsplit("/", 1)[0] + "/postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def _pg_ctl_start(self, service, data):
        log = self.pgdir / f"{service}.log"
        result = self._pg("pg_ctl", "start", "-w", "-t", "60", "-D", str(data), "-l", str(log),
                          "-o", f"-p {self.ports[service]}", check=False)
        if result.returncode != 0:
            raise TopologyError(f"{service}: pg_ctl start failed: {result.stderr}\n{tail(log)}")
        self._wait(service, lambda: self._pg_ready(service), log)
        if service not in self.started:
            self.started.append(service)

    def start_replica(self, initial=False):
        data = self.pgdir / "replica"
        if initial:
            result = self._pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.ports["primary"]),
                              "-U", "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast",
                              check=False)
            if result.returncode != 0:
                raise TopologyError(f"replica: pg_basebackup failed: {result.stderr}")
        self._pg_ctl_start("replica", data)
        self.wait_for_replication()

    def stop_replica(self):
        self._pg("pg_ctl", "stop", "-D", str(self.pgdir / "replica"), "-m", "fast", check=False)

    def wait_for_replication(self, timeout=30):
        """Until the primary reports the replica streaming and the replica has replayed all of it."""
        def caught_up():
            with psycopg.connect(self.database_url("primary"), autocommit=True) as conn:
                row = conn.execute("SELECT state, pg_current_wal_lsn() = replay_lsn FROM pg_stat_replication"
                                   ).fetchone()
            return row is not None and row[0] == "streaming" and row[1]
        self._wait("replica", caught_up, self.pgdir / "replica.log", timeout)

    def replica_sql(self, sql):
        with psycopg.connect(self.database_url("replica"), autocommit=True) as conn:
            return conn.execute(sql).fetchall()

    def primary_sql(self, sql, params=None):
        with psycopg.connect(self.database_url("primary"), autocommit=True) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def start_redis(self):
        log = self.logs / "redis.log"
        with open(log, "w") as out:
            self.procs["redis"] = subprocess.Popen(
                ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(self.root)],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append("redis")

        def pong():
            with socket.create_connection(("127.0.0.1", self.ports["redis"]), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        self._wait("redis", pong, log)

    def manage(self, *args):
        """Run a manage.py command with the app processes' settings (outside a request: on the primary)."""
        return self._manage(*args)

    def _manage(self, *args):
        env = {**os.environ, **self.app_environment()}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run([self.python, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise TopologyError(f"migrate: manage.py {' '.join(args)} failed:\n"
                                f"{result.stdout}{result.stderr}")
        return result.stdout

    def migrate(self):
        self._manage("migrate", "--noinput", "-v", "0")
        if self.seeds:
            self._manage("load_seeds", "-v", "0")
        if self.synthetic:
            self._manage("generate_synthetic", "--reactions", str(self.synthetic), "--seed", "42")
            self.wait_for_replication(timeout=600)
        self.started.append("migrate")

    def start_app(self, service):
        log = self.logs / f"{service}.log"
        env = {**os.environ, **self.app_environment()}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        with open(log, "w") as out:
            self.procs[service] = subprocess.Popen(
                [self.python, "-m", "gunicorn", "config.wsgi:application",
                 "--bind", f"127.0.0.1:{self.ports[service]}", "--workers", str(self.app_workers),
                 "--timeout", "60", "--error-logfile", "-", "--log-level", "warning"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append(service)
        self._wait(service, lambda: self._http_ok(service), log)

    def proxy_environment(self) -> dict[str, str]:
        """The proxy's settings (the same names as deploy/compose.yaml's proxy service)."""
        return {"CACHE_DIR": str(self.root / "nginx" / "cache"),
                "APP1_ADDR": f"127.0.0.1:{self.ports['app1']}",
                "APP2_ADDR": f"127.0.0.1:{self.ports['app2']}",
                "PROXY_LISTEN": f"127.0.0.1:{self.ports['proxy']}"}

    def nginx_conf(self) -> str:
        site = fill_template(NGINX_TEMPLATE.read_text(), self.proxy_environment())
        user = "user nobody nogroup;\n" if self.as_root else ""
        temp = self.root / "nginx" / "tmp"
        return (f"{user}worker_processes 1;\npid {self.root / 'nginx' / 'nginx.pid'};\n"
                f"error_log {self.logs / 'proxy.log'} warn;\nevents {{ worker_connections 1024; }}\n"
                f"http {{\n    access_log off;\n    client_body_temp_path {temp}/body;\n"
                f"    proxy_temp_path {temp}/proxy;\n    fastcgi_temp_path {temp}/fastcgi;\n"
                f"    uwsgi_temp_path {temp}/uwsgi;\n    scgi_temp_path {temp}/scgi;\n"
                f"{site}\n}}\n")

    def start_proxy(self):
        nginx = nginx_binary()
        conf_dir = self.root / "nginx"
        (conf_dir / "tmp").mkdir(parents=True, exist_ok=True)
        (conf_dir / "cache").mkdir(exist_ok=True)
        if self.as_root:
            for path in (conf_dir / "tmp", conf_dir / "cache"):
                shutil.chown(path, "nobody", "nogroup")
        conf = conf_dir / "nginx.conf"
        conf.write_text(self.nginx_conf())
        log = self.logs / "proxy.log"
        check = subprocess.run([nginx, "-t", "-q", "-e", str(log), "-p", str(conf_dir), "-c", str(conf)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise TopologyError(f"proxy: nginx -t failed: {check.stderr}\n{tail(log)}")
        self.procs["proxy"] = subprocess.Popen(
            [nginx, "-e", str(log), "-p", str(conf_dir), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append("proxy")
        self._wait("proxy", lambda: self._http_ok("proxy"), log)

    def postmaster_pid(self, service) -> int:
        return int((self.pgdir / service / "postmaster.pid").read_text().split()[0])

    def stop_service(self, service):
        proc = self.procs.pop(service, None)
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the process group this object started
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def stop(self):
        for service in ("proxy", "app2", "app1", "redis"):
            self.stop_service(service)
        for service in ("replica", "primary"):
            data = self.pgdir / service
            if (data / "postmaster.pid").exists():
                self._pg("pg_ctl", "stop", "-D", str(data), "-m", "immediate", check=False)
        self.started.clear()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def describe(self) -> str:
        return "\n".join([
            f"primary  {self.database_url('primary')}",
            f"replica  {self.database_url('replica')}  (streaming from primary)",
            f"redis    {self.redis_url}",
            *(f"{s}     {self.url(s)}" for s in APP_SERVICES),
            f"proxy    {self.url('proxy')}   <- the API, through the cache",
            f"files    {self.root}",
        ])


def main(argv=None):
    parser = argparse.ArgumentParser(description="Start the scale-out topology on loopback ports.")
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("SCALE_BASE_PORT", 55400)),
                        help="primary on this port, then replica, redis, app1, app2, proxy (0: any free)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per app process")
    parser.add_argument("--no-seeds", action="store_true", help="do not load the seed data")
    args = parser.parse_args(argv)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise SystemExit("Running as root needs a 'postgres' user to run PostgreSQL as.") from None
    topology = Topology(base_port=args.base_port, seeds=not args.no_seeds, app_workers=args.workers)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with topology:
        print(topology.describe(), flush=True)
        print("Ready. Ctrl-C stops everything and removes the files.", flush=True)
        try:
            while not stop:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
