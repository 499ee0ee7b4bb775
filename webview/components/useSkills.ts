/**
 * The skills codex knows for this workspace, for the `$` menu: asked for each time the menu
 * opens (the host keeps them, and reads them again after codex says they changed).
 */
import { useEffect, useState } from "preact/hooks";
import type { SkillView } from "../../protocol/webview/viewModel";
import { request } from "../host";

/** null while loading (or closed). */
export function useSkills(open: boolean): SkillView[] | null {
  const [skills, setSkills] = useState<SkillView[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    request("composer/listSkills", {})
      .then((result) => {
        if (current) setSkills(result.skills);
      })
      .catch(() => {
        if (current) setSkills([]);
      });
    return () => {
      current = false;
    };
  }, [open]);
  return skills;
}
