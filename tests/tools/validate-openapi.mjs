// Validates an OpenAPI document (file path as the only argument) with @apidevtools/swagger-parser.
// Prints "valid" and exits 0, or prints the validator's message and exits 1.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate-openapi.mjs <openapi.json>");
  process.exit(2);
}

try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: ${api.info.title} ${api.info.version} (OpenAPI ${api.openapi})`);
} catch (error) {
  console.error(error && error.message ? error.message : String(error));
  process.exit(1);
}
