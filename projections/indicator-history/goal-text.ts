/**
 * A target's goal as a short Vietnamese phrase ("≥ 90", "60–70", "nhóm 3 đứng đầu", "hoàn thành"
 * for a milestone), for summaries and exports. Takes the snapshot shape so it serves domain targets
 * and stored views alike.
 */
import { formatVietnameseDate, formatVietnameseNumber } from '../../src/shared/vietnamese-format';
import type { GoalSnapshot } from './document';

const SYMBOLS: Record<Exclude<GoalSnapshot['comparator'], 'between' | 'top_group' | null>, string> = {
  '>=': '≥',
  '>': '>',
  '<=': '≤',
  '<': '<',
  '=': '=',
};

export function formatGoal(goal: GoalSnapshot): string {
  const deadline = goal.dueDate ? `, hạn ${formatVietnameseDate(goal.dueDate)}` : '';
  return `${goalCondition(goal)}${deadline}`;
}

function goalCondition(goal: GoalSnapshot): string {
  switch (goal.comparator) {
    case null:
      return 'hoàn thành';
    case 'between':
      return `${number(goal.min)}–${number(goal.max)}`;
    case 'top_group':
      return `nhóm ${number(goal.value)} đứng đầu`;
    default:
      return `${SYMBOLS[goal.comparator]} ${number(goal.value)}`;
  }
}

function number(value: number | null): string {
  return value === null ? '?' : formatVietnameseNumber(value);
}
