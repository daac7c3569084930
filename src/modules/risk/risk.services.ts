import type { DeclarationService } from '../declarations/index.js';
import type { FeedbackService } from './feedback/feedback.service.js';
import type { ModelRegistry } from './registry/registry.service.js';
import type { RulesService } from './rules/rules.service.js';
import type { RiskChannelStrategy } from './selection/risk-channel-strategy.js';
import type { RiskEngine } from './selection/risk-engine.js';
import type { SignalsService } from './signals/signals.service.js';
import type { TrainingService } from './training/training.service.js';

/** The risk module's services, as its routes, command line and tests use them. */
export interface RiskServices {
  rules: RulesService;
  registry: ModelRegistry;
  training: TrainingService;
  feedback: FeedbackService;
  signals: SignalsService;
  engine: RiskEngine;
  strategy: RiskChannelStrategy;
  /** The declarations module's face (read methods and the system escalation). */
  declarations: DeclarationService;
  isAeo?: (tin: string) => Promise<boolean>;
}
