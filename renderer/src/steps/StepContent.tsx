import type { Language, StepAnswer, StepView } from '../../../core/contract';
import { AudioStep } from './AudioStep';
import { ChecklistStep } from './ChecklistStep';
import { FormStep } from './form/FormStep';
import { ImageStep } from './ImageStep';
import { KeyboardStep } from './keyboard/KeyboardStep';
import { MatchingStep } from './MatchingStep';
import { MouseStep } from './mouse/MouseStep';
import { MultipleChoiceStep } from './MultipleChoiceStep';
import { OrderingStep } from './OrderingStep';
import { SingleChoiceStep } from './SingleChoiceStep';
import { TextStep } from './TextStep';
import { VideoStep } from './VideoStep';
import type { Marks } from './marks';
import type { StepOutcome } from './types';
import './steps.css';

interface Props {
  step: StepView;
  packId: string;
  language: Language;
  defaultLanguage: Language;
  locked: boolean;
  /** What the last check found, marked beside each part of the answer. */
  marks: Marks;
  onChange(answer: StepAnswer | null): void;
  submit(answer: StepAnswer): Promise<StepOutcome | null>;
  /** Enter in a step's own text box asks to check the answer. */
  onCheck(): void;
  /** The lesson's button row, where a step with buttons of its own (a practice form) puts them. */
  actionSlot: HTMLElement | null;
}

/** One component per kind of step; the lesson screen around it stays the same for all. */
export function StepContent({ step, packId, language, defaultLanguage, locked, marks, onChange, submit, onCheck, actionSlot }: Props) {
  const common = { packId, defaultLanguage, locked };
  switch (step.kind) {
    case 'text':
      return <TextStep step={step} language={language} defaultLanguage={defaultLanguage} />;
    case 'image':
      return <ImageStep step={step} {...common} />;
    case 'audio':
      return <AudioStep step={step} {...common} />;
    case 'video':
      return <VideoStep step={step} {...common} />;
    case 'single-choice':
      return <SingleChoiceStep step={step} {...common} marks={marks} onChange={onChange} />;
    case 'multiple-choice':
      return <MultipleChoiceStep step={step} {...common} marks={marks} onChange={onChange} />;
    case 'ordering':
      return <OrderingStep step={step} {...common} marks={marks} onChange={onChange} />;
    case 'matching':
      return <MatchingStep step={step} {...common} marks={marks} onChange={onChange} />;
    case 'mouse':
      return <MouseStep step={step} {...common} submit={submit} />;
    case 'keyboard':
      return <KeyboardStep step={step} {...common} onChange={onChange} onEnter={onCheck} />;
    case 'form':
      return <FormStep step={step} {...common} submit={submit} actionSlot={actionSlot} />;
    case 'checklist':
      return <ChecklistStep step={step} {...common} marks={marks} onChange={onChange} />;
  }
}

/** How the lesson's main button works for each kind of step. */
export type StepMode = 'view' | 'check' | 'self';

export function stepMode(step: StepView): StepMode {
  switch (step.kind) {
    case 'text':
    case 'image':
    case 'audio':
    case 'video':
      return 'view'; // "Next" marks it done
    case 'mouse':
    case 'form':
      return 'self'; // the step sends its own answer; "Next" appears once core accepted it
    default:
      return 'check'; // "Check my answer" sends what the learner gave
  }
}

/** The answer a step has before the learner touches it (the order as shown, nothing ticked). */
export function initialAnswer(step: StepView): StepAnswer | null {
  if (step.kind === 'ordering') return { order: step.items.map((i) => i.id) };
  if (step.kind === 'checklist') return { checked: [] };
  return null;
}
