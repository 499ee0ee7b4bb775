/**
 * Which approval cards are on screen now. The pending bar is only needed for a card the user
 * cannot see (scrolled away, or not rendered by the virtual list). Without IntersectionObserver
 * (tests, old hosts) every card counts as out of view, so the bar always shows.
 */
import { useEffect, useState } from "preact/hooks";

export function useCardsInView(ids: readonly string[]): ReadonlySet<string> {
  const [visible, setVisible] = useState<ReadonlySet<string>>(new Set());
  const key = ids.join("\n");
  useEffect(() => {
    if (typeof IntersectionObserver === "undefined" || ids.length === 0) return;
    const seen = new Set<string>();
    const publish = () => setVisible(new Set(seen));
    const intersections = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const id = entry.target.id.slice("approval-".length);
        if (entry.isIntersecting) seen.add(id);
        else seen.delete(id);
      }
      publish();
    });
    const observed = new Map<string, Element>();
    // The virtual list mounts and unmounts cards as the user scrolls: observe whatever is there.
    const rescan = () => {
      for (const id of ids) {
        const element = document.getElementById(`approval-${id}`);
        if (element === observed.get(id)) continue;
        const previous = observed.get(id);
        if (previous) intersections.unobserve(previous);
        if (element) {
          observed.set(id, element);
          intersections.observe(element);
        } else {
          observed.delete(id);
          if (seen.delete(id)) publish();
        }
      }
    };
    const mutations = new MutationObserver(rescan);
    mutations.observe(document.body, { childList: true, subtree: true });
    rescan();
    return () => {
      mutations.disconnect();
      intersections.disconnect();
      setVisible(new Set());
    };
    // `key` stands for `ids` (a new array on every render).
  }, [key]);
  return visible;
}
