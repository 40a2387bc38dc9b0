// `npm run bench`: every benchmark under bench/, one after another, each printing its own
// figures and its ratio to a baseline measured in the same run. Extra arguments go to each.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith("-"));
const benches = readdirSync("bench")
  .filter((name) => name.endsWith(".ts"))
  .filter((name) => only.length === 0 || only.includes(name.replace(/\.ts$/, "")));

const build = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const run = spawnSync("node_modules/.bin/tsx", [`bench/${name}`, ...flags], { stdio: "inherit" });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
