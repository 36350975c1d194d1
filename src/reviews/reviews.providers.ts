/** The review slice, as the composition root registers it. */
import { ApproveReviewHandler } from './approve-review.command';
import { GetReviewHandler } from './get-review.query';
import { ListReviewsHandler } from './list-reviews.query';
import { ReviewResolutions } from './review-resolution';
import { ReviewExportsController } from './review-exports.controller';
import { ReviewsController } from './reviews.controller';
import { VerifyReviewApprovalHandler } from './verify-approval.query';

export const REVIEW_CONTROLLERS = [ReviewsController, ReviewExportsController];
export const REVIEW_PROVIDERS = [ReviewResolutions, ApproveReviewHandler, GetReviewHandler, ListReviewsHandler, VerifyReviewApprovalHandler];
