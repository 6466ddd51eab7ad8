#!/usr/bin/env python3
"""Checks a function's Lambda zip (./mvnw package -Plambda -> functions/<f>/target/function.zip) holds what the AWS
template's Lambda needs at start: the handler of template.yaml (Funqy's FunqyStreamHandler), Quarkus' bootstrap (the
generated application and the bootstrap runner), the application's own configuration, and the secret fetch at start
(function-support's SecretsConfigSource registered as a ConfigSource, the AWS SDK's Secrets Manager client on the
URL-connection HTTP client, without the Apache and Netty clients the pom excludes). Usage: check-lambda-zip.py ZIP..."""
import io
import sys
import zipfile

HANDLER = "io/quarkus/funqy/lambda/FunqyStreamHandler.class"
SOURCE = "cn.approvalbridge.support.SecretsConfigSource"


def jars(z):
    return {n: n[len("lib/"):] for n in z.namelist() if n.startswith("lib/") and n.endswith(".jar")}


def check(path):
    problems = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        libs = jars(z)
        inner = {}
        for entry, jar in libs.items():
            inner[jar] = zipfile.ZipFile(io.BytesIO(z.read(entry)))
        if "application.properties" not in names:
            problems.append("no application.properties at the root")
        if "io/quarkus/runner/ApplicationImpl.class" not in names:
            problems.append("no generated Quarkus application (io/quarkus/runner/ApplicationImpl)")
        if not any(j.startswith("io.quarkus.quarkus-bootstrap-runner-") for j in inner):
            problems.append("no quarkus-bootstrap-runner jar in lib/")
        if not any(HANDLER in jz.namelist() for jz in inner.values()):
            problems.append("no handler " + HANDLER)
        support = [jz for j, jz in inner.items() if j.startswith("cn.approvalbridge.function-support-")]
        if not support:
            problems.append("no function-support jar")
        else:
            s = support[0]
            if "cn/approvalbridge/support/SecretsConfigSource.class" not in s.namelist():
                problems.append("function-support has no SecretsConfigSource")
            svc = "META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource"
            if svc not in s.namelist() or SOURCE not in s.read(svc).decode():
                problems.append("SecretsConfigSource is not registered in " + svc)
        for want in ("software.amazon.awssdk.secretsmanager-", "software.amazon.awssdk.url-connection-client-"):
            if not any(j.startswith(want) for j in inner):
                problems.append("no " + want + "*.jar")
        for unwanted in ("software.amazon.awssdk.apache-client-", "software.amazon.awssdk.netty-nio-client-"):
            if any(j.startswith(unwanted) for j in inner):
                problems.append(unwanted + "*.jar is in the zip (excluded in the pom: one HTTP client only)")
    return problems


def main(paths):
    failed = False
    for p in paths:
        problems = check(p)
        print(("FAIL " if problems else "ok   ") + p + "".join("\n     - " + x for x in problems))
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
