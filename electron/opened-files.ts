import path from "node:path";

/**
 * The files a launch names, from its command-line arguments: Windows and Linux hand the files
 * of "Open with…" to the app this way, and the web host takes them the same way. Options
 * (anything starting with `-`) are not files; relative paths are relative to where the
 * launch happened.
 */
export function filesFromArguments(args: readonly string[], workingDirectory: string): string[] {
  return args
    .filter((arg) => arg !== "" && !arg.startsWith("-"))
    .map((arg) => path.resolve(workingDirectory, arg));
}
