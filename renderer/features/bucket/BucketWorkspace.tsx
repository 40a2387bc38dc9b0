import { type KeyboardEvent, useEffect, useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useActiveConnection } from "../connections";
import { JobsView, useJobsStore } from "../jobs";
import { BrowseBar } from "./BrowseBar";
import { useBrowse, useBrowseStore, usePixelSizes, useProcessStore } from "./context";
import { DetailsPanel } from "./DetailsPanel";
import { type ObjectEntry, visibleEntries } from "./entries";
import { ListHeader } from "./ListHeader";
import { ManageBar } from "./ManageBar";
import { ObjectView } from "./ObjectView";
import { ProcessPanel } from "./ProcessPanel";
import { pixelId } from "./pixels-store";
import "./bucket.css";

/** Past this many objects, sorting by pixels sorts those measured so far. */
const PIXELS_SORTED_AT_MOST = 2000;

/** Browse a bucket's folders, look at an object, process, download or delete what is selected. */
export function BucketWorkspace() {
  const t = useT();
  const active = useActiveConnection();
  const browse = useBrowseStore();
  const process = useProcessStore();
  const jobs = useJobsStore();
  const {
    place,
    folders,
    objects,
    listing,
    error,
    sort,
    descending,
    filter,
    selected,
    listingId,
    view,
    back,
    forward,
  } = useBrowse(
    useShallow((state) => ({
      place: state.place,
      folders: state.folders,
      objects: state.objects,
      listing: state.listing,
      error: state.error,
      sort: state.sort,
      descending: state.descending,
      filter: state.filter,
      selected: state.selected,
      listingId: state.listingId,
      view: state.view,
      back: state.back,
      forward: state.forward,
    })),
  );
  // Pixel answers re-order the entries only while they are sorted by pixels.
  const sizes = usePixelSizes((state) => (sort === "pixels" ? state.sizes : undefined));
  const want = usePixelSizes((state) => state.want);
  const entries = useMemo(() => {
    const bucket = place?.bucket ?? "";
    const pixelsOf = (entry: ObjectEntry) => {
      const size = sizes?.get(pixelId({ bucket, key: entry.key, etag: entry.object.etag }));
      return size ? size.width * size.height : undefined;
    };
    return visibleEntries(folders, objects, { sort, descending, filter, pixelsOf });
  }, [place, folders, objects, sort, descending, filter, sizes]);

  // Sorting by pixels needs every object's size, not only the rows drawn.
  useEffect(() => {
    if (sort !== "pixels" || !place || listing) return;
    for (const entry of objects.slice(0, PIXELS_SORTED_AT_MOST))
      want({ bucket: place.bucket, key: entry.key, etag: entry.object.etag });
  }, [sort, place, listing, objects, want]);

  // The first visit opens the connection's default bucket; coming back resumes an interrupted listing.
  useEffect(() => {
    const state = browse.getState();
    if (!state.place && active?.defaultBucket) state.open({ bucket: active.defaultBucket, prefix: "" });
    else if (state.place && state.interrupted) state.refresh();
  }, [browse, active?.defaultBucket]);

  // Leaving the tab stops the listing: nobody is looking at it.
  useEffect(
    () => () => {
      const state = browse.getState();
      if (state.listing) void state.stop();
    },
    [browse],
  );

  // A plan shown for another selection or folder would be misleading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when what would be processed changes
  useEffect(() => {
    process.getState().forgetPlan();
    jobs.getState().forgetPlan();
  }, [selected, listingId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey) return;
    if (event.key === "ArrowLeft") back();
    else if (event.key === "ArrowRight") forward();
    else return;
    event.preventDefault();
  };

  const prefixLabel = place ? `${place.bucket}/${place.prefix}` : "";
  // Folders come first: counting them does not walk 10,000 objects.
  let folderCount = 0;
  while (entries[folderCount]?.kind === "folder") folderCount++;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Alt+arrows for history anywhere in the workspace
    <div className="bucket-workspace" onKeyDown={onKeyDown}>
      <BrowseBar />
      {error && (
        <p role="alert" className="notice notice-error">
          {t("browse.listFailed")} <strong className="mono">{error.code}</strong>:{" "}
          <ErrorMessage error={error} /> {explainError(t, error)}
        </p>
      )}
      <div className="bucket-columns">
        <div className="bucket-main">
          <div className="row spread">
            <p className="meta" aria-live="polite" data-testid="browse-status">
              {listing
                ? t("browse.loading", { count: folders.length + objects.length })
                : t("browse.counts", { folders: folderCount, objects: entries.length - folderCount })}
              {selected.size > 0 && ` · ${t("browse.selectedCount", { count: selected.size })}`}
            </p>
            <p className="hint" id="browse-keys">
              {t("browse.keyboardHint")}
            </p>
          </div>
          {!listing && entries.length === 0 && !error && (
            <p className="empty">{filter ? t("browse.noMatch", { filter }) : t("browse.emptyFolder")}</p>
          )}
          {view === "list" && <ListHeader />}
          <ObjectView entries={entries} label={t("browse.objectsLabel", { prefix: prefixLabel })} />
          <ManageBar />
        </div>
        <DetailsPanel />
      </div>
      {place && <ProcessPanel />}
      {active?.defaultBucket && <JobsView />}
      {!place && !active?.defaultBucket && <p className="empty">{t("details.none")}</p>}
    </div>
  );
}
