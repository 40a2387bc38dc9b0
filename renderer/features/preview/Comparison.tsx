import { type KeyboardEvent, type PointerEvent, type ReactNode, useLayoutEffect, useRef } from "react";
import type { PreviewAfter, PreviewBefore } from "../../../shared/ipc/channels/preview";
import { useT } from "../../i18n";
import { cutsOriginal, focusOf, regionStyle, sceneStyle, scrollFor } from "./geometry";
import { pixels } from "./readout";
import type { ComparisonMode, Focus, Zoom } from "./store";

type AfterImage = Extract<PreviewAfter, { kind: "image" }>;

interface ComparisonProps {
  before: PreviewBefore;
  /** Absent when there is no after image: the before image is shown alone. */
  after: AfterImage | undefined;
  mode: ComparisonMode;
  zoom: Zoom;
  pixelated: boolean;
  showBefore: boolean;
  divider: number;
  onDivider(divider: number): void;
  /** One focus for every pane: they all show the same part of the scene. */
  focus: Focus;
  onFocus(focus: Focus): void;
}

/** Before and after, compared with a slider, side by side, or one at a time, in the original's geometry. */
export function Comparison(props: ComparisonProps) {
  const t = useT();
  const { before, after } = props;
  const region = after?.region;
  const beforeLayer = (
    <>
      <img className="preview-picture" src={before.url} alt={t("preview.before")} draggable={false} />
      {region && cutsOriginal(before, region) && (
        <div
          className="preview-kept-region"
          data-testid="preview-kept-region"
          style={regionStyle(before, region)}
          title={t("preview.keptRegion")}
        />
      )}
    </>
  );
  const afterLayer = after && (
    <img
      // Where it lies on the original is not known: shown whole inside the scene, not stretched over it.
      className={
        after.regionUnknown ? "preview-picture preview-output fitted" : "preview-picture preview-output"
      }
      src={after.url}
      alt={t("preview.after")}
      draggable={false}
      data-testid="preview-after-image"
      style={regionStyle(before, region)}
    />
  );
  const frame = (label: string, layer: ReactNode, extra?: Partial<FrameProps>) => (
    <Frame
      label={label}
      before={before}
      zoom={props.zoom}
      focus={props.focus}
      onFocus={props.onFocus}
      {...extra}
    >
      {layer}
    </Frame>
  );

  let body: ReactNode;
  if (!after) {
    body = frame(t("preview.before"), beforeLayer);
  } else if (props.mode === "side-by-side") {
    body = (
      <div className="preview-pair">
        <figure>
          <figcaption>{t("preview.before")}</figcaption>
          {frame(t("preview.before"), beforeLayer)}
        </figure>
        <figure>
          <figcaption>{t("preview.afterSize", { size: pixels(after) })}</figcaption>
          {frame(t("preview.after"), afterLayer)}
        </figure>
      </div>
    );
  } else if (props.mode === "toggle") {
    const side = props.showBefore ? t("preview.before") : t("preview.after");
    body = frame(t("preview.showing", { side }), props.showBefore ? beforeLayer : afterLayer);
  } else {
    body = (
      <Slider divider={props.divider} onDivider={props.onDivider} zoom={props.zoom}>
        {frame(t("preview.before"), beforeLayer, { className: "preview-slider-under" })}
        {frame(t("preview.after"), afterLayer, {
          className: "preview-slider-over",
          style: { clipPath: `inset(0 0 0 ${props.divider}%)` },
        })}
      </Slider>
    );
  }
  return (
    <div
      className="preview-comparison"
      data-testid="preview-comparison"
      data-zoom={props.zoom}
      data-pixelated={props.pixelated}
    >
      {body}
    </div>
  );
}

interface FrameProps {
  label: string;
  before: PreviewBefore;
  zoom: Zoom;
  focus: Focus;
  onFocus(focus: Focus): void;
  className?: string;
  style?: React.CSSProperties;
  children: ReactNode;
}

/**
 * A view of the scene. Zoomed in, it pans with the scroll bars, the arrow keys (it is
 * focusable) or by dragging; every frame follows the shared focus, so panning one pans all.
 */
function Frame(props: FrameProps) {
  const element = useRef<HTMLElement>(null);
  const { focus, zoom } = props;
  const zoomed = zoom !== "fit";

  // Show the shared focus: after a zoom, a pan in another frame, or a new picture.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scene's size follows the zoom and the original, and the focus is applied again once it has changed
  useLayoutEffect(() => {
    const frame = element.current;
    if (!frame || !zoomed) return;
    const { left, top } = scrollFor(focus, frame);
    if (Math.abs(frame.scrollLeft - left) >= 1) frame.scrollLeft = left;
    if (Math.abs(frame.scrollTop - top) >= 1) frame.scrollTop = top;
  }, [focus, zoomed, props.before.width, props.before.height, zoom]);

  const onScroll = () => {
    const frame = element.current;
    if (!frame || !zoomed) return;
    const next = focusOf(frame);
    // Less than a pixel apart is the echo of applying the focus: nothing to share.
    const moved =
      Math.abs(next.x - focus.x) * frame.scrollWidth >= 1 ||
      Math.abs(next.y - focus.y) * frame.scrollHeight >= 1;
    if (moved) props.onFocus(next);
  };

  const drag = useRef<{ x: number; y: number } | undefined>(undefined);
  return (
    <section
      ref={element}
      className={["preview-frame", props.className].filter(Boolean).join(" ")}
      style={props.style}
      data-zoom={zoom}
      aria-label={props.label}
      tabIndex={zoomed ? 0 : undefined}
      onScroll={onScroll}
      onPointerDown={(event) => {
        if (!zoomed || event.button !== 0) return;
        drag.current = { x: event.clientX, y: event.clientY };
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        const start = drag.current;
        if (!start) return;
        event.currentTarget.scrollBy(start.x - event.clientX, start.y - event.clientY);
        drag.current = { x: event.clientX, y: event.clientY };
      }}
      onPointerUp={() => {
        drag.current = undefined;
      }}
    >
      <div className="preview-scene" data-testid="preview-scene" style={sceneStyle(props.before, zoom)}>
        {props.children}
      </div>
    </section>
  );
}

/**
 * Two frames stacked, the upper one clipped at the divider. The divider belongs to the view,
 * not to the scene, so it stays on screen at every zoom and pan.
 */
function Slider(props: {
  divider: number;
  onDivider(divider: number): void;
  zoom: Zoom;
  children: ReactNode;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const { divider, onDivider } = props;
  const moveTo = (clientX: number) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    onDivider(clamp(Math.round(((clientX - rect.left) / rect.width) * 100)));
  };
  const startDrag = (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    moveTo(event.clientX);
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event.clientX);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 10 : 1;
    const next: Record<string, number> = {
      ArrowLeft: divider - step,
      ArrowDown: divider - step,
      ArrowRight: divider + step,
      ArrowUp: divider + step,
      PageDown: divider - 10,
      PageUp: divider + 10,
      Home: 0,
      End: 100,
    };
    const value = next[event.key];
    if (value === undefined) return;
    event.preventDefault();
    onDivider(clamp(value));
  };
  return (
    <div
      ref={box}
      className="preview-slider"
      // Fitted, a press anywhere moves the divider; zoomed in, it pans and only the handle moves it.
      onPointerDownCapture={props.zoom === "fit" ? startDrag : undefined}
      onPointerMove={onPointerMove}
    >
      {props.children}
      <div
        className="preview-divider"
        role="slider"
        tabIndex={0}
        aria-label={t("preview.divider")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={divider}
        aria-valuetext={t("preview.dividerValue", { n: 100 - divider })}
        style={{ left: `${divider}%` }}
        onKeyDown={onKeyDown}
        onPointerDown={startDrag}
        onPointerMove={onPointerMove}
      />
    </div>
  );
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}
