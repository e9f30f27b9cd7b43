# The Lambda image for all of abogado's functions (receiver, worker, Cognito trigger).
# Each function sets its own CMD (see infra/compute.py); the default is the webhook receiver.
FROM public.ecr.aws/lambda/python:3.12

# Runtime dependencies first, read from pyproject.toml (no dev or infra extras), so this layer
# is rebuilt only when the dependency list changes.
COPY pyproject.toml ${LAMBDA_TASK_ROOT}/
RUN python -c "import tomllib, pathlib; deps = tomllib.loads(pathlib.Path('${LAMBDA_TASK_ROOT}/pyproject.toml').read_text())['project']['dependencies']; pathlib.Path('/tmp/requirements.txt').write_text('\n'.join(deps) + '\n')" \
 && pip install --no-cache-dir --disable-pip-version-check -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The application packages; installed without dependencies (they are already there).
COPY abogado ${LAMBDA_TASK_ROOT}/abogado
COPY bot ${LAMBDA_TASK_ROOT}/bot
COPY calc ${LAMBDA_TASK_ROOT}/calc
COPY db ${LAMBDA_TASK_ROOT}/db
COPY ingest ${LAMBDA_TASK_ROOT}/ingest
COPY rag ${LAMBDA_TASK_ROOT}/rag
COPY webhooks ${LAMBDA_TASK_ROOT}/webhooks

# Byte-compile everything now: a cold start should not spend time writing .pyc files
# (and /var/task is read-only at run time).
RUN python -m compileall -q -j 0 "${LAMBDA_TASK_ROOT}" /var/lang/lib/python3.12/site-packages

CMD ["webhooks.lambda_handlers.http"]
