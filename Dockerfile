# One image for every Collab process. The default command serves the web (daphne, HTTP and
# WebSockets); the same image runs the others by overriding the command:
#   worker   COLLAB_PROCESS=worker  celery -A collab worker --loglevel=INFO
#   beat     COLLAB_PROCESS=beat    celery -A collab beat --loglevel=INFO --schedule=/tmp/celerybeat-schedule
#   release  python manage.py migrate --noinput
# Configuration comes from the environment at run time (see .env.example and docs/operations.md).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 1000 collab \
    && useradd --system --uid 1000 --gid collab --home-dir /app --no-create-home --shell /usr/sbin/nologin collab

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# collectstatic imports the settings, and the production profile insists on a SECRET_KEY. This one
# exists only for this RUN: it is not kept in the image's environment and must never sign anything.
ARG BUILD_SECRET_KEY=collectstatic-only-throwaway-key-never-used-at-run-time-0123456789
RUN COLLAB_ENV=production SECRET_KEY="$BUILD_SECRET_KEY" python manage.py collectstatic --noinput

# The code and the collected static files stay root-owned and read-only for the app user. Nothing
# at run time writes under /app (beat keeps its schedule in /tmp; see the command above).
USER collab

EXPOSE 8000

# Liveness of the web process only (/readyz is for deciding where traffic goes). Django checks the
# Host header, so the probe sends the first ALLOWED_HOSTS entry. Worker and beat containers have no
# HTTP server: turn the check off for them (docker-compose.yml does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = h if h not in ('', '*') else 'localhost'; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"

# --proxy-headers: behind the TLS proxy, take the client address from X-Forwarded-For, or every
# user shares the proxy's address in per-IP rate limits (sign-in attempts).
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--proxy-headers", "collab.asgi:application"]
