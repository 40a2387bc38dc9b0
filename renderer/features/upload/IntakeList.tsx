import { useT } from "../../i18n";
import { formatBytes } from "../../ui/format";
import { PreviewButton } from "../preview";
import { useUpload, useUploadStore } from "./context";
import { FileThumbnail } from "./FileThumbnail";
import { intakeProblemText } from "./intake-problem-text";

/** What was added: the files that will go, and the ones kept out with their reason. */
export function IntakeList() {
  const t = useT();
  const files = useUpload((state) => state.files);
  const { removeFiles } = useUploadStore().getState();
  const options = useUpload((state) => state.options);
  if (files.length === 0) return null;
  const refused = files.filter((file) => file.problem);
  const accepted = files.length - refused.length;
  return (
    <section aria-labelledby="intake-heading" className="card">
      <div className="row spread">
        <h3 id="intake-heading" tabIndex={-1}>
          {t("upload.filesHeading", { accepted, refused: refused.length })}
        </h3>
        <button type="button" onClick={() => removeFiles()}>
          {t("upload.clear")}
        </button>
      </div>
      <ul className="intake-list" data-testid="intake-list">
        {files.map((file) => (
          <li key={file.id} className={file.problem ? "refused" : undefined} data-testid="intake-file">
            {file.problem ? (
              <span className="thumb-placeholder intake-thumb" aria-hidden="true" />
            ) : (
              <FileThumbnail fileId={file.id} />
            )}
            <span className="mono name">{file.relativePath}</span>
            <span className="meta">{formatBytes(file.size)}</span>
            {file.width !== undefined && file.height !== undefined && (
              <span className="meta" data-testid="intake-pixels">
                {t("upload.pixels", { width: file.width, height: file.height })}
              </span>
            )}
            {file.animated && (
              <span className="badge" data-testid="intake-animated">
                {t("upload.animated")}
              </span>
            )}
            {file.problem ? (
              <span className="problem" data-testid="intake-problem">
                {intakeProblemText(t, file)}
              </span>
            ) : (
              <span className="meta">{file.format?.toUpperCase()}</span>
            )}
            {!file.problem && (
              <PreviewButton fileId={file.id} name={file.relativePath} rules={options.rules} />
            )}
            <button
              type="button"
              className="link"
              aria-label={t("upload.removeFile", { name: file.relativePath })}
              onClick={() => removeFiles([file.id])}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
