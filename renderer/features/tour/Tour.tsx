import "./tour.css";
import {
  type KeyboardEvent,
  type SyntheticEvent,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useT } from "../../i18n";
import { useTour } from "./context";
import { cardPosition } from "./placement";
import { TOUR_STEPS, type TourStep, type Workspace } from "./steps";
import { useTargetRect } from "./target-rect";

const TOUR_BUTTON_ID = "tour-button";

/**
 * The welcome tour: opens by itself on a first run, and from the Tour button any time.
 * `onShowWorkspace` opens the workspace a step's element lives in.
 */
export function Tour({ onShowWorkspace }: { onShowWorkspace(workspace: Workspace): void }) {
  const index = useTour((state) => state.step);
  const step = index === undefined ? undefined : TOUR_STEPS[index];
  const startOnFirstRun = useTour((state) => state.startOnFirstRun);

  useEffect(() => {
    void startOnFirstRun();
  }, [startOnFirstRun]);

  useEffect(() => {
    if (step) onShowWorkspace(step.workspace);
  }, [step, onShowWorkspace]);

  return index === undefined || !step ? null : <TourDialog index={index} step={step} />;
}

/** Re-opens the tour from the sidebar. */
export function TourButton() {
  const t = useT();
  const start = useTour((state) => state.start);
  return (
    <button id={TOUR_BUTTON_ID} type="button" className="link" onClick={start}>
      {t("tour.open")}
    </button>
  );
}

/**
 * A modal coach mark: the page is dimmed and inert except for a lit frame around the
 * step's element; the card beside it holds the words and the buttons.
 */
function TourDialog({ index, step }: { index: number; step: TourStep }) {
  const t = useT();
  const next = useTour((state) => state.next);
  const back = useTour((state) => state.back);
  const close = useTour((state) => state.close);
  const dialog = useRef<HTMLDialogElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const selectors = useMemo(() => step.targets.map((candidate) => candidate.selector), [step]);
  const found = useTargetRect(selectors);
  const target = found?.rect;
  // Until something is found, the words of the step's last resort.
  const body = step.targets[found?.index ?? step.targets.length - 1]?.body;
  const [cardSize, setCardSize] = useState({ width: 340, height: 200 });
  const last = index === TOUR_STEPS.length - 1;

  useEffect(() => {
    const returnTo = document.activeElement;
    dialog.current?.showModal();
    // showModal focuses the first button (Skip); the step's own action is the better start.
    nextButton.current?.focus();
    return () => {
      // Back where the designer was; on a first run nothing had focus, so the Tour button.
      if (returnTo instanceof HTMLElement && returnTo.isConnected && returnTo !== document.body) {
        returnTo.focus();
      } else {
        document.getElementById(TOUR_BUTTON_ID)?.focus();
      }
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus is checked again on every step
  useEffect(() => {
    const active = document.activeElement;
    if (!dialog.current?.contains(active) || active?.matches(":disabled")) nextButton.current?.focus();
  }, [index]);

  useLayoutEffect(() => {
    const box = card.current;
    if (box && (box.offsetWidth !== cardSize.width || box.offsetHeight !== cardSize.height)) {
      setCardSize({ width: box.offsetWidth, height: box.offsetHeight });
    }
  });

  const position = cardPosition(target, cardSize, { width: window.innerWidth, height: window.innerHeight });

  const onCancel = (event: SyntheticEvent) => {
    // Esc skips the tour; closing is the store's job so the flag is saved.
    event.preventDefault();
    close();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowRight") next();
    else if (event.key === "ArrowLeft") back();
    else return;
    event.preventDefault();
  };

  return (
    <dialog
      ref={dialog}
      className={target ? "tour" : "tour tour-no-target"}
      aria-modal="true"
      aria-labelledby="tour-title"
      aria-describedby="tour-progress tour-body"
      onCancel={onCancel}
      onKeyDown={onKeyDown}
      data-testid="tour"
      data-step={step.id}
    >
      {target && (
        <div
          className="tour-spotlight"
          aria-hidden="true"
          style={{ top: target.top, left: target.left, width: target.width, height: target.height }}
        />
      )}
      <div ref={card} className="tour-card" style={position}>
        <p id="tour-progress" className="tour-progress">
          {t("tour.progress", { n: index + 1, total: TOUR_STEPS.length })}
        </p>
        <h2 id="tour-title">{t(step.title)}</h2>
        <p id="tour-body">{body && t(body)}</p>
        <div className="tour-actions">
          <button type="button" className="link" onClick={close}>
            {t("tour.skip")}
          </button>
          <span className="tour-nav">
            <button type="button" onClick={back} disabled={index === 0} aria-keyshortcuts="ArrowLeft">
              {t("tour.back")}
            </button>
            <button
              ref={nextButton}
              type="button"
              className="primary"
              onClick={next}
              aria-keyshortcuts="ArrowRight"
            >
              {last ? t("tour.finish") : t("tour.next")}
            </button>
          </span>
        </div>
      </div>
    </dialog>
  );
}
