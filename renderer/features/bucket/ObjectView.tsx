import { Folder } from "lucide-react";
import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useShallow } from "zustand/react/shallow";
import { useLanguage, useT } from "../../i18n";
import { formatBytes, formatDateTime } from "../../ui/format";
import { Thumbnail } from "../../ui/Thumbnail";
import { useBrowse, usePixelSizes } from "./context";
import { type BrowseEntry, type ObjectEntry, rangeOfObjects } from "./entries";
import { pixelId } from "./pixels-store";

const TILE_WIDTH = 168;
const GRID_ROW = 200;
const LIST_ROW = 36;
/** Rows drawn above and below the viewport, so a quick scroll never shows blank space. */
const OVERSCAN = 2;
const THUMB_SIZE = 160;

interface EntryTileProps {
  entry: BrowseEntry;
  index: number;
  view: "grid" | "list";
  bucket: string | undefined;
  top: number;
  left: number;
  width: number;
  height: number;
  selected: boolean;
  focused: boolean;
  onMouseDown(event: MouseEvent): void;
  onClick(event: MouseEvent, entry: BrowseEntry, index: number): void;
}

/** A list row's pixel size, asked for when the row is drawn. */
function Pixels(props: { bucket: string; entry: ObjectEntry }) {
  const { bucket, entry } = props;
  const object = { bucket, key: entry.key, etag: entry.object.etag };
  const id = pixelId(object);
  const size = usePixelSizes((state) => state.sizes.get(id));
  const want = usePixelSizes((state) => state.want);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the object is named by its id
  useEffect(() => want(object), [want, id]);
  if (!size) return null;
  return (
    <>
      {size.width} × {size.height}
    </>
  );
}

/**
 * One drawn option. Memoised with stable handlers, so a scroll by one row renders only the
 * row that comes into view, and a listing page or a selection change only the tiles it alters.
 */
const EntryTile = memo(function EntryTile(props: EntryTileProps) {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const { entry, index } = props;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox's active descendant takes the keyboard for every option
    <div
      id={`entry-${index}`}
      role="option"
      tabIndex={-1}
      aria-selected={props.selected}
      className={`entry entry-${entry.kind}${props.selected ? " selected" : ""}${props.focused ? " focused" : ""}`}
      style={{ top: props.top, left: props.left, width: props.width, height: props.height }}
      onMouseDown={props.onMouseDown}
      onClick={(event) => props.onClick(event, entry, index)}
      data-testid="entry"
      data-key={entry.key}
    >
      {props.view === "grid" ? (
        <>
          {entry.kind === "object" && props.bucket ? (
            <Thumbnail
              bucket={props.bucket}
              objectKey={entry.key}
              etag={entry.object.etag}
              size={THUMB_SIZE}
              bytes={entry.object.size}
            />
          ) : (
            <span className="folder-icon" aria-hidden="true">
              <Folder size={56} strokeWidth={1.5} />
            </span>
          )}
          <span className="entry-name" title={entry.name}>
            {entry.name}
            {entry.kind === "folder" && "/"}
          </span>
        </>
      ) : (
        <>
          <span className="entry-name mono" title={entry.name}>
            {entry.name}
            {entry.kind === "folder" && "/"}
          </span>
          <span className="entry-size">
            {entry.kind === "object" ? formatBytes(entry.object.size) : t("browse.folder")}
          </span>
          <span className="entry-date">
            {entry.kind === "object" ? formatDateTime(language, entry.object.lastModified) : ""}
          </span>
          <span className="entry-pixels" data-testid="entry-pixels">
            {entry.kind === "object" && props.bucket && <Pixels bucket={props.bucket} entry={entry} />}
          </span>
        </>
      )}
    </div>
  );
});

/**
 * The folder's entries as a grid of thumbnails or a list, virtualised: only the rows in view
 * (and the focused entry) are in the DOM, so 10,000 objects scroll like 50. A WAI-ARIA
 * multi-select listbox: the keyboard moves an active descendant; click, Shift/Ctrl-click,
 * arrows, Shift+arrows, Space and Ctrl+A select.
 */
export function ObjectView(props: { entries: BrowseEntry[]; label: string }) {
  const { entries } = props;
  const { view, selected, focused, anchor, place, setSelection, focus, open } = useBrowse(
    useShallow((state) => ({
      view: state.view,
      selected: state.selected,
      focused: state.focused,
      anchor: state.anchor,
      place: state.place,
      setSelection: state.setSelection,
      focus: state.focus,
      open: state.open,
    })),
  );
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 800, height: 480 });
  const [firstRow, setFirstRow] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() =>
      setViewport({ width: element.clientWidth, height: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = view === "grid" ? Math.max(1, Math.floor(viewport.width / TILE_WIDTH)) : 1;
  const rowHeight = view === "grid" ? GRID_ROW : LIST_ROW;
  const rows = Math.ceil(entries.length / columns);
  const rowsInView = Math.max(1, Math.ceil(viewport.height / rowHeight));
  // Looked up only when there is a focused entry: no per-page index of 10,000 keys.
  const focusIndex = useMemo(
    () => (focused === undefined ? -1 : entries.findIndex((entry) => entry.key === focused)),
    [entries, focused],
  );

  // Re-render only when the first visible row changes, not on every scroll event.
  const onScroll = () => {
    const top = scroller.current?.scrollTop ?? 0;
    const row = Math.floor(top / rowHeight);
    if (row !== firstRow) setFirstRow(row);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new folder or view starts at the top
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setFirstRow(0);
  }, [place, view]);

  const scrollToIndex = (index: number) => {
    const element = scroller.current;
    if (!element) return;
    const top = Math.floor(index / columns) * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight;
  };

  const selectOnly = (entry: BrowseEntry) =>
    setSelection(entry.kind === "object" ? new Set([entry.key]) : new Set(), entry.key);
  const toggle = (entry: BrowseEntry) => {
    if (entry.kind !== "object") return;
    const next = new Set(selected);
    if (next.has(entry.key)) next.delete(entry.key);
    else next.add(entry.key);
    setSelection(next, entry.key);
  };
  const extendTo = (index: number) => {
    const anchorIndex = anchor === undefined ? -1 : entries.findIndex((entry) => entry.key === anchor);
    const from = anchorIndex < 0 ? index : anchorIndex;
    setSelection(new Set(rangeOfObjects(entries, from, index)));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (entries.length === 0 || event.altKey) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const current = Math.max(0, focusIndex);
    const entry = entries[current];
    if (ctrl && event.key.toLowerCase() === "a") {
      event.preventDefault();
      setSelection(new Set(entries.filter((e) => e.kind === "object").map((e) => e.key)));
      return;
    }
    if (event.key === " " && entry) {
      event.preventDefault();
      if (focusIndex < 0) focus(entry.key);
      toggle(entry);
      return;
    }
    if (event.key === "Enter" && entry) {
      event.preventDefault();
      if (entry.kind === "folder" && place) open({ bucket: place.bucket, prefix: entry.key });
      else selectOnly(entry);
      return;
    }
    const page = columns * rowsInView;
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: page,
      PageUp: -page,
      Home: -entries.length,
      End: entries.length,
    };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = focusIndex < 0 ? 0 : Math.min(entries.length - 1, Math.max(0, current + step));
    const target = entries[next];
    if (!target) return;
    focus(target.key);
    scrollToIndex(next);
    if (event.shiftKey) extendTo(next);
    else if (!ctrl) selectOnly(target);
  };

  const onClick = (event: MouseEvent, entry: BrowseEntry, index: number) => {
    if (entry.kind === "folder" && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      if (place) open({ bucket: place.bucket, prefix: entry.key });
      return;
    }
    focus(entry.key);
    if (event.shiftKey) extendTo(index);
    else if (event.ctrlKey || event.metaKey) toggle(entry);
    else selectOnly(entry);
  };
  // The tiles get one handler for the life of the view, which calls the current onClick.
  const latestClick = useRef(onClick);
  useLayoutEffect(() => {
    latestClick.current = onClick;
  });
  const clickEntry = useCallback(
    (event: MouseEvent, entry: BrowseEntry, index: number) => latestClick.current(event, entry, index),
    [],
  );
  // Focus stays on the listbox: a drawn option may be unmounted by the next scroll.
  const keepFocus = useCallback((event: MouseEvent) => {
    event.preventDefault();
    scroller.current?.focus({ preventScroll: true });
  }, []);

  const start = Math.max(0, firstRow - OVERSCAN) * columns;
  const end = Math.min(entries.length, (firstRow + rowsInView + OVERSCAN) * columns);
  const drawn: number[] = [];
  for (let index = start; index < end; index++) drawn.push(index);
  if (focusIndex >= 0 && (focusIndex < start || focusIndex >= end)) drawn.push(focusIndex);
  const tileWidth = viewport.width / columns;

  return (
    <div
      ref={scroller}
      className={`object-scroller view-${view}`}
      role="listbox"
      aria-multiselectable="true"
      aria-label={props.label}
      aria-activedescendant={focusIndex >= 0 ? `entry-${focusIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
      data-testid="object-view"
    >
      <div className="object-canvas" style={{ height: rows * rowHeight }}>
        {drawn.map((index) => {
          const entry = entries[index];
          if (!entry) return null;
          return (
            <EntryTile
              key={entry.key}
              entry={entry}
              index={index}
              view={view}
              bucket={place?.bucket}
              top={Math.floor(index / columns) * rowHeight}
              left={(index % columns) * tileWidth}
              width={tileWidth}
              height={rowHeight}
              selected={selected.has(entry.key)}
              focused={index === focusIndex}
              onMouseDown={keepFocus}
              onClick={clickEntry}
            />
          );
        })}
      </div>
    </div>
  );
}
