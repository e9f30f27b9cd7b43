# The Lambda image for all of abogado's functions (receiver, worker, Cognito trigger).
# Each function sets its own CMD (see infra/compute.py); the default is the webhook receiver.
FROM public.ecr.aws/lambda/python:3.12

# Runtime dependencies first, from the lock file (exact versions, every file's sha256; made for
# this image's Python 3.12 on x86_64: docs/deploy.md says how to regenerate it), so this layer is
# rebuilt only when the lock changes and a tampered or re-uploaded package fails the build.
# Wheels only: no package runs setup code during the build (every pin has x86_64 wheels).
COPY requirements/lambda.lock /tmp/lambda.lock
RUN pip install --no-cache-dir --disable-pip-version-check --require-hashes --no-deps \
      --only-binary=:all: \
      -r /tmp/lambda.lock \
 && rm /tmp/lambda.lock

# The application packages; installed without dependencies (they are already there).
COPY abogado ${LAMBDA_TASK_ROOT}/abogado
COPY bot ${LAMBDA_TASK_ROOT}/bot
COPY calc ${LAMBDA_TASK_ROOT}/calc
COPY db ${LAMBDA_TASK_ROOT}/db
COPY ingest ${LAMBDA_TASK_ROOT}/ingest
COPY rag ${LAMBDA_TASK_ROOT}/rag
COPY services ${LAMBDA_TASK_ROOT}/services
COPY webhooks ${LAMBDA_TASK_ROOT}/webhooks

# Byte-compile everything now: a cold start should not spend time writing .pyc files
# (and /var/task is read-only at run time).
RUN python -m compileall -q -j 0 "${LAMBDA_TASK_ROOT}" /var/lang/lib/python3.12/site-packages

CMD ["abogado.lambda_handlers.http"]
