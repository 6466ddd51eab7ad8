// Validates rendered Kubernetes objects against the API's OpenAPI schemas (npm kubernetes-models, the pinned version
// in package-lock.json): required fields, types, formats and enums that the Java model check does not know.
// Input: a JSON array of objects (file argument or stdin). Output: one line per problem, "<index>\t<message>";
// exit 0 either way (the Java check reports them).
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(process.argv[2] ?? 0, "utf8"));
for (const [index, object] of input.entries()) {
  const { apiVersion, kind } = object;
  let model;
  try {
    if (!/^[a-z0-9.]*\/?v[0-9a-z]+$/.test(String(apiVersion)) || !/^[A-Z][A-Za-z0-9]*$/.test(String(kind))) {
      throw new Error("malformed");
    }
    model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    console.log(`${index}\tunknown apiVersion/kind for the Kubernetes API schemas: ${apiVersion} ${kind}`);
    continue;
  }
  try {
    new model(object).validate();
  } catch (e) {
    const errors = e.errors ?? [{ instancePath: "", message: e.message }];
    for (const error of errors) {
      const where = (error.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".") || "(object)";
      const detail = error.params && Object.keys(error.params).length ? " " + JSON.stringify(error.params) : "";
      console.log(`${index}\tschema: ${where} ${error.message}${detail}`);
    }
  }
}
