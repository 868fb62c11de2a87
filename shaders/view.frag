#version 330 core
// A texture over a rectangle: the before or the after (the wipe between them is a scissor, so each
// pixel reads one texture) or a label. Nothing else, so Mesa's llvmpipe draws it as a plain copy.
uniform sampler2D u_texture;
in vec2 v_uv;
out vec4 colour;

void main() {
    colour = texture(u_texture, v_uv);
}
