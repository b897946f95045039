"""Write the nginx configuration of `make front` (and `make bench`) into a run folder.

    python3 deploy/nginx/render.py --port 8080 --upstream 127.0.0.1:8000 --run-dir .front
    nginx -p .front/ -c .front/nginx.conf -e .front/error.log -g 'daemon off;'

Standard library only: `make front` runs it before the virtualenv matters.
"""

import argparse
import os
import pwd
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(port, upstream, run_dir, static_port=None, access_log=None):
    """The configuration text for these ports and folder."""
    text = (HERE / "local.conf").read_text()
    if access_log:  # make bench counts what the cache did for each request
        text = text.replace("access_log off;", "log_format benluc_cache '$upstream_cache_status $status "
                            f"$request_uri';\n    access_log {access_log} benluc_cache buffer=64k flush=1s;")
    if static_port is None:
        text = re.sub(r"\n *# BEGIN static-copy.*?# END static-copy\n", "\n", text, flags=re.S)
    # Started as root, nginx would run its workers as `nobody`, who cannot enter a private
    # checkout or temporary folder: they run as the user who started it, like gunicorn.
    user = pwd.getpwuid(os.getuid()).pw_name
    user_line = f"user {user};" if os.getuid() == 0 else "# (not root: workers run as this user)"
    values = {"USER_LINE": user_line, "FRONT_PORT": port, "UPSTREAM": upstream, "RUN_DIR": run_dir, "CONF_DIR": HERE,
              "STATIC_PORT": static_port}
    return re.sub(r"@([A-Z_]+)@", lambda m: str(values[m[1]]), text)


def write(port, upstream, run_dir, static_port=None, access_log=None):
    """Render into `run_dir`/nginx.conf (creating the folder); returns its path."""
    run_dir = Path(run_dir).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)  # nginx's workers (nobody, when started as root) read inside
    conf = run_dir / "nginx.conf"
    conf.write_text(render(port, upstream, run_dir, static_port, access_log))
    return conf


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="where the front cache listens")
    parser.add_argument("--upstream", required=True, help="host:port of make serve")
    parser.add_argument("--run-dir", required=True, help="folder for the config, cache and pid")
    parser.add_argument("--static-port", type=int, help="also serve run-dir/static-copy here")
    parser.add_argument("--access-log", help="log each request's cache status to this file")
    args = parser.parse_args()
    print(write(args.port, args.upstream, args.run_dir, args.static_port, args.access_log))


if __name__ == "__main__":
    main()
