// The look the panel pins so that it draws what a note shows. Mermaid 12 changed its default look
// (neo: coloured actors, shadows, taller rows); notes are drawn by Mermaid 11 (Obsidian bundles
// 11.4.1), whose look is "classic".
export const NOTE_LOOK = { look: 'classic' } as const;
