// Keys and buttons -> input bits (key_map.h).
#include "desktop/window/key_map.h"

#include "game/world.h"

namespace oc::desktop::window {
namespace {

// USB HID usage ids, which SDL_Scancode uses unchanged (SDL_scancode.h).
enum : i32 {
  kScanA = 4, kScanD = 7, kScanJ = 13, kScanS = 22, kScanW = 26, kScanX = 27, kScanZ = 29,
  kScanEscape = 41, kScanSpace = 44, kScanF5 = 62, kScanF9 = 66,
  kScanRight = 79, kScanLeft = 80, kScanDown = 81, kScanUp = 82,
};
// SDL_GameControllerButton.
enum : i32 { kPadA = 0, kPadX = 2, kPadUp = 11, kPadDown = 12, kPadLeft = 13, kPadRight = 14 };

i32 bit_index(KeyAction a) noexcept {
  switch (a) {
    case KeyAction::Left: return 0;
    case KeyAction::Right: return 1;
    case KeyAction::Up: return 2;
    case KeyAction::Down: return 3;
    case KeyAction::Jump: return 4;
    case KeyAction::Attack: return 5;
    default: return -1;
  }
}

}  // namespace

static_assert(game::kInputLeft == 1u << 0 && game::kInputRight == 1u << 1 && game::kInputUp == 1u << 2 &&
                  game::kInputDown == 1u << 3 && game::kInputJump == 1u << 4 && game::kInputAttack == 1u << 5,
              "bit_index follows the game's InputBits");

KeyAction action_of_scancode(i32 scancode) noexcept {
  switch (scancode) {
    case kScanLeft: case kScanA: return KeyAction::Left;
    case kScanRight: case kScanD: return KeyAction::Right;
    case kScanUp: case kScanW: return KeyAction::Up;
    case kScanDown: case kScanS: return KeyAction::Down;
    case kScanSpace: case kScanZ: return KeyAction::Jump;
    case kScanX: case kScanJ: return KeyAction::Attack;
    case kScanF5: return KeyAction::QuickSave;
    case kScanF9: return KeyAction::QuickLoad;
    case kScanEscape: return KeyAction::Quit;
    default: return KeyAction::None;
  }
}

KeyAction action_of_pad_button(i32 button) noexcept {
  switch (button) {
    case kPadA: return KeyAction::Jump;
    case kPadX: return KeyAction::Attack;
    case kPadUp: return KeyAction::Up;
    case kPadDown: return KeyAction::Down;
    case kPadLeft: return KeyAction::Left;
    case kPadRight: return KeyAction::Right;
    default: return KeyAction::None;
  }
}

u32 input_bit(KeyAction action) noexcept {
  const i32 i = bit_index(action);
  return i < 0 ? 0 : 1u << i;
}

u32 pad_axes_bits(i32 left_x, i32 left_y) noexcept {
  u32 bits = 0;
  if (left_x < -kStickDeadZone) bits |= game::kInputLeft;
  if (left_x > kStickDeadZone) bits |= game::kInputRight;
  if (left_y < -kStickDeadZone) bits |= game::kInputUp;  // SDL's y grows downwards
  if (left_y > kStickDeadZone) bits |= game::kInputDown;
  return bits;
}

void InputState::press(KeyAction action) noexcept {
  const i32 i = bit_index(action);
  if (i >= 0 && held_[i] < 255) ++held_[i];
}

void InputState::release(KeyAction action) noexcept {
  const i32 i = bit_index(action);
  if (i >= 0 && held_[i] > 0) --held_[i];
}

void InputState::clear() noexcept {
  for (u8& h : held_) h = 0;
  axes_ = 0;
}

u32 InputState::bits() const noexcept {
  u32 bits = axes_;
  for (i32 i = 0; i < 6; ++i) {
    if (held_[i] > 0) bits |= 1u << i;
  }
  return bits;
}

}  // namespace oc::desktop::window
