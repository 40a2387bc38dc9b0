import { BucketButton, BucketWorkspace, UseInBucketProcessing } from "../features/bucket";
import { ConnectionsPanel, useActiveConnection } from "../features/connections";
import { HistoryWorkspace } from "../features/history";
import { EditorUploads } from "../features/picgo";
import { PreviewDraft, PreviewPanel } from "../features/preview";
import { RulesWorkspace } from "../features/rules";
import type { Workspace } from "../features/tour";
import { Tour, TourButton } from "../features/tour";
import { UploadWorkspace, UseInUpload } from "../features/upload";
import { useT } from "../i18n";
import { Tabs } from "../ui/Tabs";
import { LanguagePicker } from "./LanguagePicker";
import { ThemePicker } from "./ThemePicker";
import { useWorkspace } from "./workspace-context";

/**
 * The studio: connections on the left, the workspace (files, options, rule steps) beside the
 * preview, which takes the rest of the window because the picture is what the designer judges.
 */
export function App() {
  const t = useT();
  const workspace = useWorkspace((state) => state.workspace);
  const setWorkspace = useWorkspace((state) => state.show);
  const active = useActiveConnection();

  return (
    <div className="app" data-workspace={workspace}>
      <a className="skip-link" href="#workspace">
        {t("app.skipToContent")}
      </a>
      <aside className="sidebar" aria-label={t("nav.connections")}>
        <header className="brand">
          <h1>{t("app.title")}</h1>
        </header>
        <ConnectionsPanel />
        <section aria-labelledby="buckets-heading" className="buckets">
          <h2 id="buckets-heading">{t("nav.buckets")}</h2>
          {active?.defaultBucket && (
            <BucketButton bucket={active.defaultBucket} onOpen={() => setWorkspace("bucket")} />
          )}
        </section>
        <EditorUploads connection={active} />
        <footer className="sidebar-footer">
          <TourButton />
          <LanguagePicker />
          <ThemePicker />
        </footer>
      </aside>
      <main id="workspace" className="workspace" tabIndex={-1}>
        <Tabs<Workspace>
          label={t("tabs.label")}
          selected={workspace}
          onSelect={setWorkspace}
          items={[
            { id: "upload", label: t("tabs.upload"), panel: <UploadWorkspace /> },
            {
              id: "bucket",
              label: t("tabs.bucket"),
              panel: <BucketWorkspace />,
            },
            {
              id: "rules",
              label: t("tabs.rules"),
              panel: (
                <RulesWorkspace
                  draftActions={(draft) => (
                    <>
                      <UseInUpload {...draft} />
                      <PreviewDraft rule={draft.text} />
                      <UseInBucketProcessing {...draft} />
                    </>
                  )}
                />
              ),
            },
            { id: "history", label: t("historyTab.tab"), panel: <HistoryWorkspace /> },
          ]}
        />
      </main>
      <aside className="details" aria-labelledby="preview-heading" data-tour="preview">
        <h2 id="preview-heading">{t("panel.preview")}</h2>
        <PreviewPanel />
      </aside>
      <Tour onShowWorkspace={setWorkspace} />
    </div>
  );
}
