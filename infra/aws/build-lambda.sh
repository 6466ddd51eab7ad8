#!/usr/bin/env bash
# Builds the two functions' Lambda zips (functions/<f>/target/function.zip, the CodeUri of template.yaml) one function
# at a time, as the AWS deploy does, and checks each holds the handler, Quarkus' bootstrap and the secret fetch at start
# (check-lambda-zip.py). Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/../.."
for f in code-assignment result-notification; do
  ./mvnw -B -q package -DskipTests -Plambda -pl "functions/$f" -am "$@"
done
python3 infra/aws/check-lambda-zip.py functions/code-assignment/target/function.zip \
  functions/result-notification/target/function.zip
