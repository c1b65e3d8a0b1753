/**
 * How much evidence decides a label or a topic, and how far the lead of an item reaches.
 */
export const THRESHOLDS = {
  /** A kz-us label needs this much summed evidence. Scores are 1 - 0.5^(sum / threshold). */
  kzUsThreshold: 0.5,
  c5Threshold: 0.5,

  // three: a dateline or an agency credit often takes a sentence of its own before the news
  leadSentences: 3,

  /**
   * Topics, each a list of weighted patterns; a topic is assigned to a relevant item when its summed
   * weight reaches `topicThreshold` (a title match counts double).
   */
  topicThreshold: 1,
} as const;
