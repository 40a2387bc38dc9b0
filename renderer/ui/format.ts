import { perLocale } from "../../shared/intl-per-locale";

/** 1.5 MB, 820 KB, 12 B: sizes the way a file manager shows them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes} min ${Math.round(seconds % 60)} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A date and time the way the interface's language writes them (not the system's locale). */
export function formatDateTime(language: string, time: string | number): string {
  const format = perLocale(
    "date and time",
    language,
    () => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }),
  );
  return format.format(new Date(time));
}
