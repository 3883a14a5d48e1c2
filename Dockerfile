# Production image: gunicorn serving the archive, static files through whitenoise;
# the same image runs the job workers (`python manage.py db_worker`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

COPY pyproject.toml constraints.txt README.md ./
COPY archive ./archive
COPY articles ./articles
RUN pip install -c constraints.txt .

COPY . .
# collectstatic needs settings to import; these values exist only for this build step.
RUN SECRET_KEY=collectstatic-only DEBUG=0 python manage.py collectstatic --no-input

# media/ holds uploads waiting for their job; a volume mounted there starts with its owner.
RUN mkdir -p /app/media && useradd --create-home --uid 10001 archive \
    && chown -R archive:archive /app
USER archive

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && python manage.py load_seeds; exec gunicorn -c gunicorn.conf.py archive.wsgi"]
