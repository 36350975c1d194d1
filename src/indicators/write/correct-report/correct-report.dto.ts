import { ExpectedRevisionField, NoteField, ReasonField } from '../common-fields';
import { EvidenceListField, type EvidenceDto } from '../evidence.dto';
import { ReadingFields } from '../reading-fields';

/** The corrected reading, whole: a figure, or a milestone's state, narrative and completion day. */
export class CorrectReportDto extends ReadingFields {
  @ReasonField('Why the report is corrected.')
  reason!: string;

  @NoteField()
  note?: string;

  @EvidenceListField()
  evidence?: EvidenceDto[];

  @ExpectedRevisionField()
  expectedRevision?: number;
}
