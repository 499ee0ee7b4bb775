/**
 * The skills codex knows for this workspace (`skills/list`), for the composer's `$` menu, and the
 * `skill` items a message's `$name` mentions become. As in the codex CLI, a picked skill is
 * written into the text as `$name`, and on send each mention of an enabled skill that codex
 * listed also goes out as a `{ type: "skill", name, path }` input, so codex attaches that
 * SKILL.md for the model. The list is read once and again after `skills/changed` (codex
 * watches the skill folders). A codex without `skills/list` simply has no skills to offer.
 */
import type { SkillMetadata } from "../../protocol/codex/v2/SkillMetadata";
import type { UserInput } from "../../protocol/codex/v2/UserInput";
import type { SkillView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort } from "../connection/port";
import { UnsupportedMethodError } from "../connection/unsupportedMethods";
import type { Logger } from "../log";

/** The most skills the menu offers (a user with hundreds still gets a usable list). */
export const MAX_SKILLS = 200;
const MAX_DESCRIPTION = 300;

/** A `$name` as typed: `$` at the start or after whitespace or an opening bracket. */
const MENTION = /(?:^|[\s([{"'`])\$([\w.:-]+)/g;

/** The skill names mentioned as `$name` in `text`, in order, each once. */
export function mentionedSkillNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) names.add(match[1]!);
  return [...names];
}

export function skillView(skill: SkillMetadata): SkillView {
  const description =
    skill.interface?.shortDescription || skill.shortDescription || skill.description;
  return {
    name: skill.name,
    description: description.slice(0, MAX_DESCRIPTION),
    scope: skill.scope,
  };
}

export class SkillCatalog {
  private skills: SkillMetadata[] | undefined;
  private loading: Promise<SkillMetadata[]> | undefined;
  /** After `skills/changed`: the next read bypasses codex's cache too. */
  private stale = false;

  constructor(
    private readonly options: {
      port: AppServerPort;
      /** The workspace folder new threads run in (undefined: codex's own cwd). */
      cwd: () => string | undefined;
      logger: Logger;
    },
  ) {}

  readonly notifications: NotificationHandlers = {
    "skills/changed": () => {
      this.skills = undefined;
      this.stale = true;
    },
  };

  /** `composer/listSkills`: the enabled skills, by name. */
  async list(): Promise<SkillView[]> {
    return (await this.load()).map(skillView);
  }

  /** A `skill` input for every `$name` in `text` that names an enabled, listed skill. */
  inputsFor(text: string): UserInput[] {
    const known = this.skills ?? [];
    return mentionedSkillNames(text).flatMap((name) => {
      const skill = known.find((candidate) => candidate.name === name);
      return skill ? [{ type: "skill" as const, name: skill.name, path: skill.path }] : [];
    });
  }

  private load(): Promise<SkillMetadata[]> {
    if (this.skills) return Promise.resolve(this.skills);
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<SkillMetadata[]> {
    const cwd = this.options.cwd();
    const forceReload = this.stale;
    this.stale = false;
    try {
      const response = await this.options.port.request("skills/list", {
        ...(cwd ? { cwds: [cwd] } : {}),
        ...(forceReload ? { forceReload } : {}),
      });
      const seen = new Set<string>();
      const skills = response.data
        .flatMap((entry) => entry.skills)
        .filter((skill) => skill.enabled && !seen.has(skill.name) && seen.add(skill.name))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, MAX_SKILLS);
      this.skills = skills;
      return skills;
    } catch (error) {
      if (error instanceof UnsupportedMethodError) return (this.skills = []);
      this.options.logger.warn(`skills/list failed: ${describeError(error)}`);
      throw error;
    }
  }
}
