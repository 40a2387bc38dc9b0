import { useT } from "../../i18n";
import { formatBytes } from "../../ui/format";
import { usePreview, usePreviewStore } from "./context";
import { bytesChange, formatChange, pixels } from "./readout";

/** Every output the job makes of the sample, side by side; the one picked is compared with the original. */
export function ContactSheet() {
  const t = useT();
  const store = usePreviewStore();
  const outputs = usePreview((state) => state.outputs);
  const selected = usePreview((state) => state.selected);
  return (
    <ul className="contact-sheet" aria-label={t("preview.contactSheet")} data-testid="contact-sheet">
      {outputs.map((output, index) => {
        const answer = output.answer;
        const after = answer?.after;
        const n = (output.rule.slot ?? index) + 1;
        const label = t("preview.ruleSlot", { n });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: outputs are the job's slots, known by their place
          <li key={index}>
            <button
              type="button"
              className="contact-sheet-item"
              data-testid="contact-sheet-item"
              aria-pressed={index === selected}
              onClick={() => store.getState().select(index)}
            >
              <span className="contact-sheet-thumb">
                {after?.kind === "image" && <img src={after.url} alt="" draggable={false} />}
              </span>
              <span className="contact-sheet-name">
                <strong>{label}</strong> <span className="mono">{output.rule.fileid}</span>
              </span>
              {answer && after?.kind === "image" && (
                <span className="contact-sheet-facts" data-testid="contact-sheet-facts">
                  {after.format} · {pixels(after)} · {formatBytes(after.bytes)} ·{" "}
                  {formatChange(bytesChange(answer.before, after))}
                </span>
              )}
              {after?.kind === "problem" && (
                <span className="contact-sheet-facts problem">{t("preview.failedTitle")}</span>
              )}
              {output.error && (
                <span className="contact-sheet-facts problem">{t("preview.failedTitle")}</span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
