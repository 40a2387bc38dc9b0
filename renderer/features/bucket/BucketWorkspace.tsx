import { type KeyboardEvent, useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n";
import { explainError } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useActiveConnection } from "../connections";
import { JobsView, useJobsStore } from "../jobs";
import { BrowseBar } from "./BrowseBar";
import { useBrowse, useBrowseStore, useProcessStore } from "./context";
import { DetailsPanel } from "./DetailsPanel";
import { FolderContents } from "./FolderContents";
import { ManageBar } from "./ManageBar";
import { ProcessPanel } from "./ProcessPanel";
import "./bucket.css";

/** Browse a bucket's folders, look at an object, process, download or delete what is selected. */
export function BucketWorkspace() {
  const t = useT();
  const active = useActiveConnection();
  const browse = useBrowseStore();
  const process = useProcessStore();
  const jobs = useJobsStore();
  // Not the folder's entries: each listing page would draw the whole workspace again (FolderContents).
  const { place, error, selected, listingId, back, forward } = useBrowse(
    useShallow((state) => ({
      place: state.place,
      error: state.error,
      selected: state.selected,
      listingId: state.listingId,
      back: state.back,
      forward: state.forward,
    })),
  );

  // The first visit opens the connection's default bucket; coming back resumes an interrupted listing.
  useEffect(() => {
    const state = browse.getState();
    if (active) state.browsingWith(active.id);
    if (!state.place && active?.defaultBucket) state.open({ bucket: active.defaultBucket, prefix: "" });
    else if (state.place && state.interrupted) state.refresh();
  }, [browse, active]);

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
          <FolderContents />
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
