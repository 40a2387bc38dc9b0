export interface DroppedFile {
  file: File;
  /** Path within what was dropped: `shoots/2026/cat.jpg` for a file inside a dropped folder. */
  relativePath: string;
}

/**
 * Everything a drop carries, folders walked recursively. Entries must be taken from the
 * DataTransfer synchronously, before the first await, or the browser empties it.
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<DroppedFile[]> {
  const entries = [...transfer.items]
    .map((item) => (item.kind === "file" ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return filesFromInput([...transfer.files]);
  const files: DroppedFile[] = [];
  for (const entry of entries) await collect(entry, files);
  return files;
}

/** Files from an `<input type="file">`, with folder structure when it was a folder picker. */
export function filesFromInput(list: File[]): DroppedFile[] {
  return list.map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}

async function collect(entry: FileSystemEntry, into: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    into.push({ file, relativePath: entry.fullPath.replace(/^\//, "") });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in chunks (100 at a time in Chromium) until it returns none.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) break;
    for (const child of chunk) {
      if (!child.name.startsWith(".")) await collect(child, into);
    }
  }
}
