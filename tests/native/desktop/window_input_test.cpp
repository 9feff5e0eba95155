// The window's keys and gamepad -> input bits (desktop/window/key_map.h), with SDL's numbering written
// out here (SDL_Scancode = USB HID usage ids, SDL_GameControllerButton) so a remapping is caught.
#include <gtest/gtest.h>

#include "desktop/window/key_map.h"
#include "game/world.h"

namespace oc::desktop::window {
namespace {

// SDL_scancode.h / SDL_gamecontroller.h values.
constexpr i32 kA = 4, kD = 7, kJ = 13, kS = 22, kW = 26, kX = 27, kZ = 29, kEsc = 41, kSpace = 44, kF5 = 62, kF9 = 66;
constexpr i32 kRight = 79, kLeft = 80, kDown = 81, kUp = 82, kQ = 20, kReturn = 40;
constexpr i32 kPadA = 0, kPadB = 1, kPadX = 2, kPadUp = 11, kPadDown = 12, kPadLeft = 13, kPadRight = 14;

TEST(WindowKeys, ArrowsAndWasdMoveSpaceZJumpXJAttack) {
  EXPECT_EQ(input_bit(action_of_scancode(kLeft)), game::kInputLeft);
  EXPECT_EQ(input_bit(action_of_scancode(kA)), game::kInputLeft);
  EXPECT_EQ(input_bit(action_of_scancode(kRight)), game::kInputRight);
  EXPECT_EQ(input_bit(action_of_scancode(kD)), game::kInputRight);
  EXPECT_EQ(input_bit(action_of_scancode(kUp)), game::kInputUp);
  EXPECT_EQ(input_bit(action_of_scancode(kW)), game::kInputUp);
  EXPECT_EQ(input_bit(action_of_scancode(kDown)), game::kInputDown);
  EXPECT_EQ(input_bit(action_of_scancode(kS)), game::kInputDown);
  EXPECT_EQ(input_bit(action_of_scancode(kSpace)), game::kInputJump);
  EXPECT_EQ(input_bit(action_of_scancode(kZ)), game::kInputJump);
  EXPECT_EQ(input_bit(action_of_scancode(kX)), game::kInputAttack);
  EXPECT_EQ(input_bit(action_of_scancode(kJ)), game::kInputAttack);
}

TEST(WindowKeys, ProgramKeysCarryNoInputBit) {
  EXPECT_EQ(action_of_scancode(kF5), KeyAction::QuickSave);
  EXPECT_EQ(action_of_scancode(kF9), KeyAction::QuickLoad);
  EXPECT_EQ(action_of_scancode(kEsc), KeyAction::Quit);
  EXPECT_EQ(action_of_scancode(kQ), KeyAction::None);
  EXPECT_EQ(action_of_scancode(kReturn), KeyAction::None);
  for (KeyAction a : {KeyAction::QuickSave, KeyAction::QuickLoad, KeyAction::Quit, KeyAction::None}) {
    EXPECT_EQ(input_bit(a), 0u);
  }
}

TEST(WindowKeys, GamepadButtonsAndStick) {
  EXPECT_EQ(action_of_pad_button(kPadA), KeyAction::Jump);
  EXPECT_EQ(action_of_pad_button(kPadX), KeyAction::Attack);
  EXPECT_EQ(action_of_pad_button(kPadB), KeyAction::None);
  EXPECT_EQ(action_of_pad_button(kPadUp), KeyAction::Up);
  EXPECT_EQ(action_of_pad_button(kPadDown), KeyAction::Down);
  EXPECT_EQ(action_of_pad_button(kPadLeft), KeyAction::Left);
  EXPECT_EQ(action_of_pad_button(kPadRight), KeyAction::Right);
  EXPECT_EQ(pad_axes_bits(0, 0), 0u);
  EXPECT_EQ(pad_axes_bits(kStickDeadZone, -kStickDeadZone), 0u);  // the edge of the dead zone is still centre
  EXPECT_EQ(pad_axes_bits(-32768, 0), game::kInputLeft);
  EXPECT_EQ(pad_axes_bits(32767, 32767), game::kInputRight | game::kInputDown);
  EXPECT_EQ(pad_axes_bits(0, -20000), game::kInputUp);
}

TEST(WindowKeys, AnActionStaysHeldWhileAnySourceHoldsIt) {
  InputState s;
  s.press(KeyAction::Left);  // the arrow
  s.press(KeyAction::Left);  // and A
  s.press(KeyAction::Jump);
  EXPECT_EQ(s.bits(), game::kInputLeft | game::kInputJump);
  s.release(KeyAction::Left);
  EXPECT_EQ(s.bits(), game::kInputLeft | game::kInputJump);
  s.release(KeyAction::Left);
  s.release(KeyAction::Left);  // an extra release (a key held before the window opened) is harmless
  EXPECT_EQ(s.bits(), game::kInputJump);
  s.set_axes(30000, 0);
  EXPECT_EQ(s.bits(), game::kInputJump | game::kInputRight);
  s.press(KeyAction::QuickSave);
  EXPECT_EQ(s.bits(), game::kInputJump | game::kInputRight);
  s.clear();
  EXPECT_EQ(s.bits(), 0u);
}

}  // namespace
}  // namespace oc::desktop::window
