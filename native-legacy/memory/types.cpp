// Names for status codes: the C ABI hands them to TypeScript, and tests print them on failure.
#include "types.h"

namespace oc {

const char* status_name(Status s) noexcept {
  switch (s) {
    case Status::Ok: return "Ok";
    case Status::InvalidArgument: return "InvalidArgument";
    case Status::SizeTooLarge: return "SizeTooLarge";
    case Status::BadAlignment: return "BadAlignment";
    case Status::Exhausted: return "Exhausted";
    case Status::StaleHandle: return "StaleHandle";
    case Status::DoubleFree: return "DoubleFree";
    case Status::ForeignHandle: return "ForeignHandle";
    case Status::InvalidOffset: return "InvalidOffset";
    case Status::WrongSizeClass: return "WrongSizeClass";
    case Status::CorruptState: return "CorruptState";
    case Status::OutOfMemory: return "OutOfMemory";
    case Status::TooManyAllocators: return "TooManyAllocators";
    case Status::BadMarker: return "BadMarker";
    case Status::BadMagic: return "BadMagic";
    case Status::VersionTooNew: return "VersionTooNew";
    case Status::VersionTooOld: return "VersionTooOld";
    case Status::LayoutMismatch: return "LayoutMismatch";
    case Status::Truncated: return "Truncated";
    case Status::ChecksumMismatch: return "ChecksumMismatch";
    case Status::OutOfRange: return "OutOfRange";
    case Status::SizeMismatch: return "SizeMismatch";
    case Status::Unsealed: return "Unsealed";
    case Status::BaseMismatch: return "BaseMismatch";
    case Status::UnknownMark: return "UnknownMark";
    case Status::NotTracking: return "NotTracking";
    case Status::Oversized: return "Oversized";
    case Status::SelfReference: return "SelfReference";
    case Status::Overlap: return "Overlap";
    case Status::Malformed: return "Malformed";
    case Status::BudgetExceeded: return "BudgetExceeded";
    case Status::Missing: return "Missing";
  }
  // Codes arrive from the ABI as plain integers, so an out-of-range value is possible.
  return "Unknown";
}

}  // namespace oc
