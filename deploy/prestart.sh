#!/bin/sh
# Before an app server starts (ExecStartPre of revmentor-app.service).
# REVMENTOR_PRIMARY=1 (exactly one node): migrate the database and collect the static files
# into REVMENTOR_STATIC_ROOT (a directory every node and nginx read: shared storage, or the
# nginx host is the primary). Every other node waits, bounded, until the schema is current
# and the static manifest exists, so it never serves with an old schema.
set -eu
cd "$(dirname "$0")/.."
python=${REVMENTOR_PYTHON:-.venv/bin/python}
if [ "${REVMENTOR_PRIMARY:-0}" = 1 ]; then
    "$python" manage.py migrate --noinput
    "$python" manage.py collectstatic --noinput --verbosity 0
    exit 0
fi
waited=0
static_root=${REVMENTOR_STATIC_ROOT:-staticfiles}
until "$python" manage.py migrate --check >/dev/null 2>&1 && [ -f "$static_root/staticfiles.json" ]; do
    [ "$waited" -ge "${REVMENTOR_PRESTART_WAIT:-240}" ] && {
        echo "revmentor: the database schema is not current or the static files are missing; is the primary node running?" >&2
        exit 1
    }
    sleep 5
    waited=$((waited + 5))
done
